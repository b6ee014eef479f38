//! Tauri commands: each takes its request, makes one core call and returns the result or a
//! [`CommandError`]. No SQL and no business rule lives here. They run off the main thread
//! (`async`), so a slow disk never freezes the window.
//!
//! Every command here is also listed in `build.rs`, allowed in `capabilities/default.json` and
//! wrapped in `ui/js/api.js`; `tests/tidy.rs` keeps the four in step.

use coffeechat_core::after::{Card, InsightCategory, Referral};
use coffeechat_core::contacts::Contact;
use coffeechat_core::drafts::{Draft, MessageEdit, Profile, StoredTemplate};
use coffeechat_core::exchange::backup::{self, BackupInfo};
use coffeechat_core::exchange::import::{ImportOutcome, ImportPreview};
use coffeechat_core::exchange::json::RestoreSummary;
use coffeechat_core::exchange::ExportKind;
use coffeechat_core::find::Hit;
use coffeechat_core::interviews::{Interview, InterviewInput, PipelineBoard, PIPELINE_PER_STAGE};
use coffeechat_core::lamp::LampRow;
use coffeechat_core::live::{Ended, LiveState};
use coffeechat_core::lookups::Lookup;
use coffeechat_core::network::Network;
use coffeechat_core::people::{PeoplePage, Person, PersonInput, PAGE_SIZE};
use coffeechat_core::prep::Prep;
use coffeechat_core::progress::Progress;
use coffeechat_core::questions::{BankQuestion, PrepareQuestion};
use coffeechat_core::reminder_rules::Snooze;
use coffeechat_core::reminders::Reminder;
use coffeechat_core::request_checker::RequestCheck;
use coffeechat_core::settings::{Settings, SettingsForm};
use coffeechat_core::stage::Direction;
use coffeechat_core::store::Reattached;
use coffeechat_core::target_fields::{FieldForm, FieldSummary, TargetField};
use coffeechat_core::templates::{self, Template, TemplateKind};
use coffeechat_core::today::Today;
use coffeechat_core::trash::{TrashItem, TrashKind};
use coffeechat_core::Stage;
use serde::Serialize;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, Emitter, Manager, State, WebviewWindow};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult};
use crate::files;
use crate::notifications;
use crate::scheduler;
use crate::state::{AppState, DataProblem};
use crate::window::MAIN;

#[derive(Serialize)]
pub struct AppStatus {
    version: &'static str,
    database_path: String,
    /// Set when the data file could not be opened: the UI shows it instead of the app.
    error: Option<CommandError>,
    /// Set when something is wrong with the data file: it could not be opened (as `error`), or
    /// it is open but nothing can be saved (read-only, moved or deleted). The window shows it.
    data_problem: Option<DataProblem>,
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
    status_of(&state)
}

/// How the app is: its data file's problem, if any, and whether notifications work.
pub fn status_of(state: &AppState) -> AppStatus {
    let data_problem = state.data_problem();
    AppStatus {
        version: env!("CARGO_PKG_VERSION"),
        database_path: state.database_path.display().to_string(),
        error: data_problem
            .as_ref()
            .filter(|problem| !problem.opened)
            .map(|problem| problem.error.clone()),
        data_problem,
        notifications_problem: state.notifications.problem(),
    }
}

/// "Try again" on a data file that could not be opened, or is read-only.
#[tauri::command(async)]
pub fn retry_data_file(state: State<'_, AppState>) -> AppStatus {
    state.retry(true);
    state.wakeup.wake();
    status_of(&state)
}

/// "Save my data here again" after the data file was moved or deleted while the app ran.
#[tauri::command(async)]
pub fn reattach_data_file(state: State<'_, AppState>) -> CommandResult<Reattached> {
    state.reattach()
}

#[tauri::command(async)]
pub fn today(state: State<'_, AppState>) -> CommandResult<Today> {
    state.with(|store| store.today())
}

/// A page of the People list (100 from `offset`) and how many there are in all.
#[tauri::command(async)]
pub fn list_people(
    state: State<'_, AppState>,
    query: String,
    offset: Option<usize>,
) -> CommandResult<PeoplePage> {
    state.with(|store| store.people_page(&query, offset.unwrap_or(0), PAGE_SIZE))
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
pub fn target_fields(state: State<'_, AppState>) -> CommandResult<Vec<FieldSummary>> {
    state.with(|store| store.target_fields())
}

#[tauri::command(async)]
pub fn target_field(state: State<'_, AppState>, id: i64) -> CommandResult<TargetField> {
    state.with(|store| store.target_field(id))
}

#[tauri::command(async)]
pub fn update_target_field(
    state: State<'_, AppState>,
    id: i64,
    field: FieldForm,
) -> CommandResult<()> {
    state.write(|store| store.update_target_field(id, &field))
}

#[tauri::command(async)]
pub fn lamp(state: State<'_, AppState>) -> CommandResult<Vec<LampRow>> {
    state.with(|store| store.lamp())
}

#[tauri::command(async)]
pub fn score_organisation(
    state: State<'_, AppState>,
    id: i64,
    motivation: Option<i64>,
    posting: Option<i64>,
) -> CommandResult<()> {
    state.write(|store| store.score_organisation(id, motivation, posting))
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
pub fn pipeline(state: State<'_, AppState>) -> CommandResult<PipelineBoard> {
    state.with(|store| store.pipeline_board(PIPELINE_PER_STAGE))
}

/// Find anything (Ctrl+K): what matches the typed text, best first.
#[tauri::command(async)]
pub fn find_anything(state: State<'_, AppState>, query: String) -> CommandResult<Vec<Hit>> {
    state.with(|store| store.find_anything(&query))
}

/// The Progress screen's figures.
#[tauri::command(async)]
pub fn progress(state: State<'_, AppState>) -> CommandResult<Progress> {
    state.with(|store| store.progress())
}

#[tauri::command(async)]
pub fn set_weekly_goal(state: State<'_, AppState>, per_week: i64) -> CommandResult<()> {
    state.with(|store| store.set_weekly_goal(per_week))
}

/// Who referred whom, laid out.
#[tauri::command(async)]
pub fn referral_network(state: State<'_, AppState>) -> CommandResult<Network> {
    state.with(|store| store.referral_network())
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

/// The markers left in the note that finishing reminder `id` marks sent (Today asks first).
#[tauri::command(async)]
pub fn message_gaps(state: State<'_, AppState>, id: i64) -> CommandResult<Vec<String>> {
    state.with(|store| store.gaps_in_message_of(id))
}

#[tauri::command(async)]
pub fn snooze_reminder(state: State<'_, AppState>, id: i64, snooze: Snooze) -> CommandResult<()> {
    state.write(|store| store.snooze_reminder(id, snooze).map(drop))
}

/// How many coming reminders Today lists.
pub const UPCOMING_SHOWN: usize = 10;

#[tauri::command(async)]
pub fn upcoming_reminders(state: State<'_, AppState>) -> CommandResult<Vec<Reminder>> {
    state.with(|store| store.upcoming_reminders(UPCOMING_SHOWN))
}

/// The page drew its first view (or why it cannot): the start-up work held back so as not to
/// slow that down may begin.
#[tauri::command(async)]
pub fn page_drawn(state: State<'_, AppState>) {
    state.first_paint.set();
}

/// The page's first view is in place: the window, built hidden, is shown (`window::reveal`).
/// Run on the main thread, at once.
#[tauri::command]
pub fn first_view_ready(window: WebviewWindow) {
    crate::window::reveal(&window);
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

/// The page's answer to the `flush-now` event: it saved what it holds (`proceed`), or it asks to
/// hold the close or Quit because some text could not be saved (it says why; the user decides,
/// and a later `proceed` is their "close anyway").
#[tauri::command(async)]
pub fn flushed(app: tauri::AppHandle, request: u64, proceed: bool) {
    crate::flush::answer(&app, request, proceed);
}

// --- The interview method (issue 4): drafts, preparation, live mode, after. ---------------

#[derive(Serialize)]
pub struct TemplatesView {
    templates: Vec<StoredTemplate>,
    /// The placeholder names a template may use, in the order the editor lists them.
    placeholders: Vec<&'static str>,
}

#[tauri::command(async)]
pub fn list_templates(state: State<'_, AppState>) -> CommandResult<TemplatesView> {
    state.with(|store| {
        Ok(TemplatesView {
            templates: store.templates()?,
            placeholders: templates::placeholder_names().collect(),
        })
    })
}

#[tauri::command(async)]
pub fn save_template(
    state: State<'_, AppState>,
    kind: TemplateKind,
    template: Template,
) -> CommandResult<()> {
    state.write(|store| store.save_template(kind, &template))
}

#[tauri::command(async)]
pub fn reset_template(state: State<'_, AppState>, kind: TemplateKind) -> CommandResult<()> {
    state.write(|store| store.reset_template(kind))
}

#[tauri::command(async)]
pub fn get_profile(state: State<'_, AppState>) -> CommandResult<Profile> {
    state.with(|store| store.profile())
}

#[tauri::command(async)]
pub fn update_profile(state: State<'_, AppState>, profile: Profile) -> CommandResult<()> {
    state.write(|store| store.update_profile(&profile))
}

#[tauri::command(async)]
pub fn get_draft(
    state: State<'_, AppState>,
    interview_id: i64,
    kind: TemplateKind,
    from_template: Option<bool>,
) -> CommandResult<Draft> {
    // Settings previews the template itself, not the interview's edited message.
    if from_template == Some(true) {
        state.with(|store| store.template_draft(interview_id, kind))
    } else {
        state.with(|store| store.draft(interview_id, kind))
    }
}

/// The `mailto:` URL of a draft the user edited in the window.
#[tauri::command(async)]
pub fn mailto_url(to: String, subject: String, body: String) -> String {
    templates::mailto_url(&to, &subject, &body)
}

#[tauri::command(async)]
pub fn check_request_text(
    state: State<'_, AppState>,
    interview_id: i64,
    text: String,
) -> CommandResult<RequestCheck> {
    state.with(|store| store.check_request_text(interview_id, &text))
}

#[tauri::command(async)]
pub fn record_request_sent(
    state: State<'_, AppState>,
    interview_id: i64,
    message: String,
) -> CommandResult<()> {
    state.write(|store| store.record_request_sent(interview_id, &message))
}

/// Saves what the user changed in a draft (the request's subject, a note's subject or body).
#[tauri::command(async)]
pub fn save_message(
    state: State<'_, AppState>,
    interview_id: i64,
    kind: TemplateKind,
    edit: MessageEdit,
) -> CommandResult<()> {
    state.write(|store| store.save_message(interview_id, kind, &edit))
}

/// "Not now" to a draft asking for the user's name and background.
#[tauri::command(async)]
pub fn skip_about_you(state: State<'_, AppState>) -> CommandResult<()> {
    state.write(|store| store.skip_about_you())
}

#[tauri::command(async)]
pub fn update_prep(state: State<'_, AppState>, interview_id: i64, prep: Prep) -> CommandResult<()> {
    state.write(|store| store.update_prep(interview_id, &prep))
}

#[tauri::command(async)]
pub fn start_live(state: State<'_, AppState>, id: i64) -> CommandResult<LiveState> {
    state.write(|store| store.start_live(id))
}

#[tauri::command(async)]
pub fn pause_live(state: State<'_, AppState>, id: i64) -> CommandResult<LiveState> {
    state.write(|store| store.pause_live(id))
}

#[tauri::command(async)]
pub fn resume_live(state: State<'_, AppState>, id: i64) -> CommandResult<LiveState> {
    state.write(|store| store.resume_live(id))
}

#[tauri::command(async)]
pub fn live_state(state: State<'_, AppState>, id: i64) -> CommandResult<LiveState> {
    state.with(|store| store.live_state(id))
}

/// Claims the "offer them an out" cue; the first claim also posts the native notification, so
/// it is shown once, whichever window asks and however often.
#[tauri::command(async)]
pub fn claim_live_cue(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<bool> {
    let first = state.write(|store| store.mark_cue_shown(id))?;
    if first {
        notifications::notify_notice(&app, scheduler::CUE_SUMMARY, scheduler::CUE_BODY);
    }
    Ok(first)
}

#[tauri::command(async)]
pub fn end_live(state: State<'_, AppState>, id: i64) -> CommandResult<Ended> {
    state.write(|store| store.end_live(id))
}

#[tauri::command(async)]
pub fn answer_question(
    state: State<'_, AppState>,
    id: i64,
    asked: bool,
    answer: String,
) -> CommandResult<()> {
    state.write(|store| store.answer_question(id, asked, &answer))
}

#[tauri::command(async)]
pub fn save_interview_notes(
    state: State<'_, AppState>,
    id: i64,
    notes: String,
) -> CommandResult<()> {
    state.write(|store| store.save_interview_notes(id, &notes))
}

#[tauri::command(async)]
pub fn capture_card(
    state: State<'_, AppState>,
    interview_id: i64,
    card: Card,
) -> CommandResult<()> {
    state.write(|store| store.capture_card(interview_id, &card))
}

#[tauri::command(async)]
pub fn set_resume_asked(
    state: State<'_, AppState>,
    interview_id: i64,
    asked: Option<bool>,
    resume_version: String,
) -> CommandResult<()> {
    state.write(|store| store.set_resume_asked(interview_id, asked, &resume_version))
}

#[tauri::command(async)]
pub fn add_insight(
    state: State<'_, AppState>,
    interview_id: i64,
    category: InsightCategory,
    text: String,
) -> CommandResult<i64> {
    state.write(|store| store.add_insight(interview_id, category, &text))
}

#[tauri::command(async)]
pub fn remove_insight(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.write(|store| store.remove_insight(id))
}

#[tauri::command(async)]
pub fn choose_insight_to_mention(
    state: State<'_, AppState>,
    interview_id: i64,
    text: String,
) -> CommandResult<()> {
    state.write(|store| store.choose_insight_to_mention(interview_id, &text))
}

#[tauri::command(async)]
pub fn add_referral(
    state: State<'_, AppState>,
    interview_id: i64,
    referral: Referral,
) -> CommandResult<i64> {
    state.write(|store| store.add_referral(interview_id, &referral))
}

#[tauri::command(async)]
pub fn add_tip(
    state: State<'_, AppState>,
    interview_id: i64,
    text: String,
    due_local: Option<String>,
) -> CommandResult<i64> {
    state.write(|store| store.add_tip(interview_id, &text, due_local.as_deref()))
}

#[tauri::command(async)]
pub fn complete_tip(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.write(|store| store.complete_tip(id))
}

#[tauri::command(async)]
pub fn add_bank_question(
    state: State<'_, AppState>,
    text: String,
    category: String,
) -> CommandResult<i64> {
    state.write(|store| store.add_bank_question(&text, &category))
}

#[tauri::command(async)]
pub fn archive_bank_question(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.write(|store| store.archive_bank_question(id))
}

#[tauri::command(async)]
pub fn restore_bank_question(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    state.write(|store| store.restore_bank_question(id))
}

#[tauri::command(async)]
pub fn archived_bank_questions(state: State<'_, AppState>) -> CommandResult<Vec<BankQuestion>> {
    state.with(|store| store.archived_bank_questions())
}

// --- Data in and out (issue 8): imports, exports, backups. --------------------------------

/// Set by "Cancel" while an import runs; the import checks it between rows. Only one import
/// runs at a time (it holds the store), so one flag is enough.
static IMPORT_CANCELLED: AtomicBool = AtomicBool::new(false);

#[tauri::command(async)]
pub fn choose_import_file(app: AppHandle) -> Option<String> {
    let filter = (
        "LinkedIn export or contacts",
        &["csv", "zip", "vcf", "vcard"][..],
    );
    files::pick_file(&app, "Import people into Coffee Chat", filter)
        .map(|path| path.display().to_string())
}

#[tauri::command(async)]
pub fn preview_import(state: State<'_, AppState>, path: String) -> CommandResult<ImportPreview> {
    state.with(|store| store.preview_import_file(Path::new(&path)))
}

#[tauri::command(async)]
pub fn import_file(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<ImportOutcome> {
    IMPORT_CANCELLED.store(false, Ordering::SeqCst);
    state.write(|store| {
        store.import_file(Path::new(&path), &mut |done, total| {
            let _ = app.emit_to(MAIN, "import-progress", (done, total));
            !IMPORT_CANCELLED.load(Ordering::SeqCst)
        })
    })
}

#[tauri::command(async)]
pub fn cancel_import() {
    IMPORT_CANCELLED.store(true, Ordering::SeqCst);
}

#[tauri::command(async)]
pub fn undo_import(state: State<'_, AppState>, batch_id: i64) -> CommandResult<usize> {
    state.write(|store| store.undo_import(batch_id))
}

/// Asks where to save, then writes the export there. `None` when the user cancelled.
#[tauri::command(async)]
pub fn export_data(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ExportKind,
) -> CommandResult<Option<String>> {
    let name = kind.suggested_name(chrono::Local::now().date_naive());
    let Some(path) = files::save_file(&app, "Export from Coffee Chat", &name, kind.filter()) else {
        return Ok(None);
    };
    state.with(|store| store.export_to(kind, &path))?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a Coffee Chat export (.json) and restores it into this empty data file.
#[tauri::command(async)]
pub fn restore_export(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<RestoreSummary>> {
    let filter = ("Coffee Chat export", &["json"][..]);
    let Some(path) = files::pick_file(&app, "Restore a Coffee Chat export", filter) else {
        return Ok(None);
    };
    state
        .write(|store| store.restore_export_file(&path))
        .map(Some)
}

/// Hands a scheduled interview to the desktop's calendar app as an .ics file.
#[tauri::command(async)]
pub fn add_to_calendar(
    app: AppHandle,
    state: State<'_, AppState>,
    interview_id: i64,
) -> CommandResult<()> {
    let folder = app
        .path()
        .app_cache_dir()
        .map_err(|e| CommandError::other("open_failed", e.to_string()))?
        .join("calendar");
    let path = state.with(|store| store.write_interview_ics(interview_id, &folder))?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            CommandError::other(
                "open_failed",
                format!("Could not hand the interview to your calendar app: {e}"),
            )
        })
}

#[derive(Serialize)]
pub struct BackupsView {
    folder: String,
    kept: u32,
    backups: Vec<BackupInfo>,
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> CommandResult<BackupsView> {
    let folder = backup::backup_folder(&state.database_path);
    // The list is also how a data file that cannot be opened is brought back: it does not
    // need the store.
    let kept = state
        .with(|store| store.backups_kept())
        .unwrap_or(backup::DEFAULT_BACKUPS_KEPT);
    let backups = backup::list_backups(&folder).map_err(CommandError::from)?;
    Ok(BackupsView {
        folder: folder.display().to_string(),
        kept,
        backups,
    })
}

#[tauri::command(async)]
pub fn back_up_now(state: State<'_, AppState>) -> CommandResult<BackupInfo> {
    let folder = backup::backup_folder(&state.database_path);
    state.with(|store| store.back_up(&folder))
}

#[tauri::command(async)]
pub fn set_backups_kept(state: State<'_, AppState>, kept: u32) -> CommandResult<()> {
    state.write(|store| store.set_backups_kept(kept))
}

/// Restores the backup named `file_name` (one of `list_backups`); the data as it was is backed
/// up first, and its backup returned.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    file_name: String,
) -> CommandResult<Option<BackupInfo>> {
    let folder = backup::backup_folder(&state.database_path);
    let chosen = folder.join(Path::new(&file_name).file_name().unwrap_or_default());
    state.restore_backup(&chosen)
}
