//! Tauri commands: each takes its request, makes one core call and returns the result or a
//! [`CommandError`]. No SQL and no business rule lives here. They run off the main thread
//! (`async`), so a slow disk never freezes the window.
//!
//! Every command here is also listed in `build.rs`, allowed in `capabilities/default.json` and
//! wrapped in `ui/js/api.js`; `tests/tidy.rs` keeps the four in step.

use coffeechat_core::contacts::Contact;
use coffeechat_core::interviews::{Interview, InterviewCard, InterviewInput};
use coffeechat_core::lookups::Lookup;
use coffeechat_core::people::{Person, PersonInput, PersonSummary};
use coffeechat_core::questions::{BankQuestion, PrepareQuestion};
use coffeechat_core::reminder_rules::Snooze;
use coffeechat_core::reminders::Reminder;
use coffeechat_core::settings::{Settings, SettingsForm};
use coffeechat_core::stage::Direction;
use coffeechat_core::today::Today;
use coffeechat_core::trash::{TrashItem, TrashKind};
use coffeechat_core::Stage;
use serde::Serialize;
use tauri::State;
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

#[derive(Serialize)]
pub struct AppStatus {
    version: &'static str,
    database_path: String,
    /// Set when the data file could not be opened: the UI shows it instead of the app.
    error: Option<CommandError>,
    /// Why desktop notifications cannot be shown, if they cannot: the window says so and shows
    /// the reminders itself.
    notifications_problem: Option<String>,
}

#[derive(Serialize)]
pub struct Suggestions {
    organisations: Vec<String>,
    fields: Vec<String>,
}

#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    AppStatus {
        version: env!("CARGO_PKG_VERSION"),
        database_path: state.database_path.display().to_string(),
        error: state.open_error().cloned(),
        notifications_problem: state.notifications.problem(),
    }
}

#[tauri::command(async)]
pub fn today(state: State<'_, AppState>) -> CommandResult<Today> {
    state.with(|store| store.today())
}

#[tauri::command(async)]
pub fn list_people(state: State<'_, AppState>, query: String) -> CommandResult<Vec<PersonSummary>> {
    state.with(|store| store.people(&query))
}

#[tauri::command(async)]
pub fn get_person(state: State<'_, AppState>, id: i64) -> CommandResult<Person> {
    state.with(|store| store.person(id))
}

#[tauri::command(async)]
pub fn add_person(state: State<'_, AppState>, person: PersonInput) -> CommandResult<i64> {
    state.write(|store| store.add_person(&person))
}

#[tauri::command(async)]
pub fn update_person(
    state: State<'_, AppState>,
    id: i64,
    person: PersonInput,
) -> CommandResult<()> {
    state.write(|store| store.update_person(id, &person))
}

#[tauri::command(async)]
pub fn delete_person(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.write(|store| store.delete_person(id))
}

#[tauri::command(async)]
pub fn suggestions(state: State<'_, AppState>) -> CommandResult<Suggestions> {
    state.with(|store| {
        Ok(Suggestions {
            organisations: store.names(Lookup::Organisations)?,
            fields: store.names(Lookup::TargetFields)?,
        })
    })
}

#[tauri::command(async)]
pub fn create_interview(state: State<'_, AppState>, person_id: i64) -> CommandResult<i64> {
    state.write(|store| store.create_interview(person_id))
}

#[tauri::command(async)]
pub fn get_interview(state: State<'_, AppState>, id: i64) -> CommandResult<Interview> {
    state.with(|store| store.interview(id))
}

#[tauri::command(async)]
pub fn update_interview(
    state: State<'_, AppState>,
    id: i64,
    interview: InterviewInput,
) -> CommandResult<()> {
    state.write(|store| store.update_interview(id, &interview))
}

#[tauri::command(async)]
pub fn move_interview(
    state: State<'_, AppState>,
    id: i64,
    direction: Direction,
) -> CommandResult<Stage> {
    state.write(|store| store.move_interview(id, direction))
}

#[tauri::command(async)]
pub fn set_interview_stage(state: State<'_, AppState>, id: i64, stage: Stage) -> CommandResult<()> {
    state.write(|store| store.set_interview_stage(id, stage))
}

#[tauri::command(async)]
pub fn delete_interview(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.write(|store| store.delete_interview(id))
}

#[tauri::command(async)]
pub fn pipeline(state: State<'_, AppState>) -> CommandResult<Vec<InterviewCard>> {
    state.with(|store| store.pipeline())
}

#[tauri::command(async)]
pub fn question_bank(state: State<'_, AppState>) -> CommandResult<Vec<BankQuestion>> {
    state.with(|store| store.question_bank())
}

#[tauri::command(async)]
pub fn prepare_question(
    state: State<'_, AppState>,
    interview_id: i64,
    question: PrepareQuestion,
) -> CommandResult<i64> {
    state.write(|store| store.prepare_question(interview_id, &question))
}

#[tauri::command(async)]
pub fn remove_prepared_question(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.write(|store| store.remove_prepared_question(id))
}

#[tauri::command(async)]
pub fn move_prepared_question(
    state: State<'_, AppState>,
    id: i64,
    direction: Direction,
) -> CommandResult<()> {
    state.write(|store| store.move_prepared_question(id, direction))
}

#[tauri::command(async)]
pub fn complete_reminder(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.write(|store| store.complete_reminder(id))
}

#[tauri::command(async)]
pub fn snooze_reminder(state: State<'_, AppState>, id: i64, snooze: Snooze) -> CommandResult<()> {
    state.write(|store| store.snooze_reminder(id, snooze).map(drop))
}

#[tauri::command(async)]
pub fn upcoming_reminders(state: State<'_, AppState>) -> CommandResult<Vec<Reminder>> {
    state.with(|store| store.upcoming_reminders(10))
}

/// The reminder the window was opened on from the tray or a notification, once; 0 for Today.
#[tauri::command(async)]
pub fn take_pending_reminder(state: State<'_, AppState>) -> Option<i64> {
    state
        .pending_reminder
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
}

#[tauri::command(async)]
pub fn log_contact(state: State<'_, AppState>, person_id: i64, note: String) -> CommandResult<i64> {
    state.write(|store| store.log_contact(person_id, &note))
}

#[tauri::command(async)]
pub fn list_contacts(state: State<'_, AppState>, person_id: i64) -> CommandResult<Vec<Contact>> {
    state.with(|store| store.contacts(person_id))
}

#[tauri::command(async)]
pub fn record_reply(
    state: State<'_, AppState>,
    interview_id: i64,
    date: Option<String>,
) -> CommandResult<()> {
    state.write(|store| store.record_reply(interview_id, date.as_deref()))
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<Settings> {
    state.with(|store| store.settings())
}

#[tauri::command(async)]
pub fn update_settings(state: State<'_, AppState>, settings: SettingsForm) -> CommandResult<()> {
    state.write(|store| store.save_settings_form(&settings))
}

#[tauri::command(async)]
pub fn list_trash(state: State<'_, AppState>) -> CommandResult<Vec<TrashItem>> {
    state.with(|store| store.trash())
}

#[tauri::command(async)]
pub fn restore_from_trash(
    state: State<'_, AppState>,
    kind: TrashKind,
    id: i64,
) -> CommandResult<()> {
    state.write(|store| store.restore(kind, id))
}

/// Shows the folder that holds the data file in the system's file manager.
#[tauri::command(async)]
pub fn open_data_folder(app: tauri::AppHandle, state: State<'_, AppState>) -> CommandResult<()> {
    app.opener()
        .reveal_item_in_dir(&state.database_path)
        .map_err(|e| {
            CommandError::other(
                "open_failed",
                format!("Could not open the data folder: {e}"),
            )
        })
}
