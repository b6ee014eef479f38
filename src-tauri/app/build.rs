/// Every command the app exposes. tauri-build turns each into an `allow-…` permission that
/// `capabilities/default.json` grants to the main window; a command missing here cannot be called.
const COMMANDS: &[&str] = &[
    "app_status",
    "today",
    "list_people",
    "get_person",
    "add_person",
    "update_person",
    "delete_person",
    "suggestions",
    "create_interview",
    "get_interview",
    "update_interview",
    "move_interview",
    "set_interview_stage",
    "delete_interview",
    "pipeline",
    "question_bank",
    "prepare_question",
    "remove_prepared_question",
    "move_prepared_question",
    "complete_reminder",
    "snooze_reminder",
    "upcoming_reminders",
    "take_pending_reminder",
    "log_contact",
    "list_contacts",
    "record_reply",
    "get_settings",
    "update_settings",
    "list_trash",
    "restore_from_trash",
    "open_data_folder",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
