// The only module that touches window.__TAURI__: one function per Rust command.
// Every call resolves with the command's result or rejects with {code, message, field}.

const tauriInvoke = window.__TAURI__.core.invoke;

/** Codes that mean the data file itself is in trouble, whatever the call was. */
const DATA_FILE_CODES = new Set([
  "data_file_gone", "data_file_read_only", "data_file_locked", "data_file_corrupt",
]);

/** Calls a command; a refusal because of the data file is also told to the window (the
 * `data-file-problem` event), which shows why at once, whichever view made the call. */
const invoke = (command, args) =>
  tauriInvoke(command, args).catch((error) => {
    if (DATA_FILE_CODES.has(error?.code)) {
      window.dispatchEvent(new CustomEvent("data-file-problem", { detail: error }));
    }
    throw error;
  });

/** @typedef {{code: string, message: string, field: string|null}} CommandError */

export const appStatus = () => invoke("app_status");
/** Tries to open the data file again (or writable again); resolves with the new app status. */
export const retryDataFile = () => invoke("retry_data_file");
/** After the data file was moved or deleted: writes the data back to its place (or opens the
 * file put there, keeping a copy); resolves with {outcome, kept?}. */
export const reattachDataFile = () => invoke("reattach_data_file");
export const today = () => invoke("today");

/** A page of the People list: { people, total, everyone, offset, ranked }. */
export const listPeople = (query, offset = 0) => invoke("list_people", { query, offset });
export const getPerson = (id) => invoke("get_person", { id });
export const addPerson = (person) => invoke("add_person", { person });
export const updatePerson = (id, person) => invoke("update_person", { id, person });
export const deletePerson = (id) => invoke("delete_person", { id });
export const suggestions = () => invoke("suggestions");

// Target fields and their insights board; organisations on the LAMP list.
export const targetFields = () => invoke("target_fields");
export const targetField = (id) => invoke("target_field", { id });
/** field: { why, transferable_skills } */
export const updateTargetField = (id, field) => invoke("update_target_field", { id, field });
export const lamp = () => invoke("lamp");
/** motivation 0–3 and posting 1–3, or null for not scored. */
export const scoreOrganisation = (id, motivation, posting) =>
  invoke("score_organisation", { id, motivation, posting });

export const createInterview = (personId) => invoke("create_interview", { personId });
export const getInterview = (id) => invoke("get_interview", { id });
export const updateInterview = (id, interview) => invoke("update_interview", { id, interview });
export const moveInterview = (id, direction) => invoke("move_interview", { id, direction });
export const setInterviewStage = (id, stage) => invoke("set_interview_stage", { id, stage });
export const deleteInterview = (id) => invoke("delete_interview", { id });
/** The Pipeline board: { cards, totals: [{ stage, count }] }. */
export const pipeline = () => invoke("pipeline");
/** Find anything (Ctrl+K): [{ kind, id, person_id, title, detail, stage, excerpt, matched_in,
 * when, tier }], best first; the excerpt's matched words lie between U+E000 and U+E001. */
export const findAnything = (query) => invoke("find_anything", { query });
/** The Progress screen: { months, funnel, responses, thank_yous, lengths, goal }. */
export const progress = () => invoke("progress");
export const setWeeklyGoal = (perWeek) => invoke("set_weekly_goal", { perWeek });
/** Who referred whom: { nodes: [{ id, name, organisation, warm, depth, row }], edges, rows,
 * depth, unconnected }. */
export const referralNetwork = () => invoke("referral_network");

export const questionBank = () => invoke("question_bank");
export const prepareQuestion = (interviewId, question) =>
  invoke("prepare_question", { interviewId, question });
export const removePreparedQuestion = (id) => invoke("remove_prepared_question", { id });
export const movePreparedQuestion = (id, direction) =>
  invoke("move_prepared_question", { id, direction });

export const completeReminder = (id) => invoke("complete_reminder", { id });
export const messageGaps = (id) => invoke("message_gaps", { id });
export const snoozeReminder = (id, snooze) => invoke("snooze_reminder", { id, snooze });
export const upcomingReminders = () => invoke("upcoming_reminders");
export const takePendingReminder = () => invoke("take_pending_reminder");
export const pageDrawn = () => invoke("page_drawn");
export const firstViewReady = () => invoke("first_view_ready");
export const logContact = (personId, note) => invoke("log_contact", { personId, note });
export const listContacts = (personId) => invoke("list_contacts", { personId });
export const recordReply = (interviewId, date) => invoke("record_reply", { interviewId, date });

export const getSettings = () => invoke("get_settings");
export const updateSettings = (settings) => invoke("update_settings", { settings });
export const listTrash = () => invoke("list_trash");
export const restoreFromTrash = (kind, id) => invoke("restore_from_trash", { kind, id });
export const openDataFolder = () => invoke("open_data_folder");
/** Answers the app's "flush-now" request: saved (`proceed`), or hold the close or Quit. */
export const flushed = (request, proceed) => invoke("flushed", { request, proceed });

// The interview method: templates and drafts, preparation, live mode, after the interview.
export const listTemplates = () => invoke("list_templates");
export const saveTemplate = (kind, template) => invoke("save_template", { kind, template });
export const resetTemplate = (kind) => invoke("reset_template", { kind });
export const getProfile = () => invoke("get_profile");
export const updateProfile = (profile) => invoke("update_profile", { profile });
export const getDraft = (interviewId, kind, { fromTemplate = false } = {}) =>
  invoke("get_draft", { interviewId, kind, fromTemplate });
export const mailtoUrl = (to, subject, body) => invoke("mailto_url", { to, subject, body });
export const checkRequestText = (interviewId, text) =>
  invoke("check_request_text", { interviewId, text });
export const recordRequestSent = (interviewId, message) =>
  invoke("record_request_sent", { interviewId, message });
export const saveMessage = (interviewId, kind, edit) => invoke("save_message", { interviewId, kind, edit });
export const skipAboutYou = () => invoke("skip_about_you");
export const updatePrep = (interviewId, prep) => invoke("update_prep", { interviewId, prep });
export const startLive = (id) => invoke("start_live", { id });
export const pauseLive = (id) => invoke("pause_live", { id });
export const resumeLive = (id) => invoke("resume_live", { id });
export const liveState = (id) => invoke("live_state", { id });
/** Resolves true for the first claim of the cue (which also posts the native notification). */
export const claimLiveCue = (id) => invoke("claim_live_cue", { id });
export const endLive = (id) => invoke("end_live", { id });
export const answerQuestion = (id, asked, answer) => invoke("answer_question", { id, asked, answer });
export const saveInterviewNotes = (id, notes) => invoke("save_interview_notes", { id, notes });
export const captureCard = (interviewId, card) => invoke("capture_card", { interviewId, card });
export const setResumeAsked = (interviewId, asked, resumeVersion) =>
  invoke("set_resume_asked", { interviewId, asked, resumeVersion });
export const addInsight = (interviewId, category, text) =>
  invoke("add_insight", { interviewId, category, text });
export const removeInsight = (id) => invoke("remove_insight", { id });
export const chooseInsightToMention = (interviewId, text) =>
  invoke("choose_insight_to_mention", { interviewId, text });
export const addReferral = (interviewId, referral) => invoke("add_referral", { interviewId, referral });
export const addTip = (interviewId, text, dueLocal) => invoke("add_tip", { interviewId, text, dueLocal });
export const completeTip = (id) => invoke("complete_tip", { id });
export const addBankQuestion = (text, category) => invoke("add_bank_question", { text, category });
export const archiveBankQuestion = (id) => invoke("archive_bank_question", { id });
export const restoreBankQuestion = (id) => invoke("restore_bank_question", { id });
export const archivedBankQuestions = () => invoke("archived_bank_questions");

// Data in and out: imports (LinkedIn, vCard), exports, backups.
/** Resolves to the path the user chose in the native dialog, or null when they cancelled. */
export const chooseImportFile = () => invoke("choose_import_file");
export const previewImport = (path) => invoke("preview_import", { path });
export const importFile = (path) => invoke("import_file", { path });
export const cancelImport = () => invoke("cancel_import");
export const undoImport = (batchId) => invoke("undo_import", { batchId });
/** kind: "json" | "people_csv" | "interviews_csv" | "calendar"; resolves to the saved path or null. */
export const exportData = (kind) => invoke("export_data", { kind });
/** Resolves to what was restored, or null when the user cancelled the dialog. */
export const restoreExport = () => invoke("restore_export");
export const addToCalendar = (interviewId) => invoke("add_to_calendar", { interviewId });
export const listBackups = () => invoke("list_backups");
export const backUpNow = () => invoke("back_up_now");
export const setBackupsKept = (kept) => invoke("set_backups_kept", { kept });
export const restoreBackup = (fileName) => invoke("restore_backup", { fileName });

/** Calls `handler(payload)` whenever the app emits `event`; resolves to a function that stops. */
const listen = (event, handler) =>
  window.__TAURI__.event.listen(event, (message) => handler(message.payload));

/** Due reminders changed (one fell due, or was done or snoozed elsewhere). */
export const onRemindersChanged = (handler) => listen("reminders-changed", handler);
/** Desktop notifications started or stopped working. */
export const onNotificationsChanged = (handler) => listen("notifications-changed", handler);
/** The tray or a notification asks to show a reminder (its id, or null for Today). */
export const onOpenReminder = (handler) => listen("open-reminder", handler);
/** The data file could be opened at last, or has a problem, or no longer has it. */
export const onDataStatusChanged = (handler) => listen("data-status-changed", handler);
/** The window is about to close or the app to quit: `handler({request, reason})` saves what
 * the page holds and answers with `flushed`. */
export const onFlushNow = (handler) => listen("flush-now", handler);
/** Tells the app the page now listens for "flush-now" (request 0 of `flushed`). */
export const pageListens = () => invoke("flushed", { request: 0, proceed: true });

/** An import is under way: `handler([done, total])`. */
export const onImportProgress = (handler) => listen("import-progress", handler);
/** A file was dropped onto the window: `handler(path)`. */
export const onFileDropped = (handler) => listen("file-dropped", handler);

/** Opens a web address or a mailto: link in the user's browser or mail client. */
export const openUrl = (url) => window.__TAURI__.opener.openUrl(url);
