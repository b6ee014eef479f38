// The only module that touches window.__TAURI__: one function per Rust command.
// Every call resolves with the command's result or rejects with {code, message, field}.

const invoke = window.__TAURI__.core.invoke;

/** @typedef {{code: string, message: string, field: string|null}} CommandError */

export const appStatus = () => invoke("app_status");
export const today = () => invoke("today");

export const listPeople = (query) => invoke("list_people", { query });
export const getPerson = (id) => invoke("get_person", { id });
export const addPerson = (person) => invoke("add_person", { person });
export const updatePerson = (id, person) => invoke("update_person", { id, person });
export const deletePerson = (id) => invoke("delete_person", { id });
export const suggestions = () => invoke("suggestions");

export const createInterview = (personId) => invoke("create_interview", { personId });
export const getInterview = (id) => invoke("get_interview", { id });
export const updateInterview = (id, interview) => invoke("update_interview", { id, interview });
export const moveInterview = (id, direction) => invoke("move_interview", { id, direction });
export const setInterviewStage = (id, stage) => invoke("set_interview_stage", { id, stage });
export const deleteInterview = (id) => invoke("delete_interview", { id });
export const pipeline = () => invoke("pipeline");

export const questionBank = () => invoke("question_bank");
export const prepareQuestion = (interviewId, question) =>
  invoke("prepare_question", { interviewId, question });
export const removePreparedQuestion = (id) => invoke("remove_prepared_question", { id });
export const movePreparedQuestion = (id, direction) =>
  invoke("move_prepared_question", { id, direction });

export const completeReminder = (id) => invoke("complete_reminder", { id });
export const snoozeReminder = (id, snooze) => invoke("snooze_reminder", { id, snooze });
export const upcomingReminders = () => invoke("upcoming_reminders");
export const takePendingReminder = () => invoke("take_pending_reminder");
export const logContact = (personId, note) => invoke("log_contact", { personId, note });
export const listContacts = (personId) => invoke("list_contacts", { personId });
export const recordReply = (interviewId, date) => invoke("record_reply", { interviewId, date });

export const getSettings = () => invoke("get_settings");
export const updateSettings = (settings) => invoke("update_settings", { settings });
export const listTrash = () => invoke("list_trash");
export const restoreFromTrash = (kind, id) => invoke("restore_from_trash", { kind, id });
export const openDataFolder = () => invoke("open_data_folder");

/** Calls `handler(payload)` whenever the app emits `event`; resolves to a function that stops. */
const listen = (event, handler) =>
  window.__TAURI__.event.listen(event, (message) => handler(message.payload));

/** Due reminders changed (one fell due, or was done or snoozed elsewhere). */
export const onRemindersChanged = (handler) => listen("reminders-changed", handler);
/** Desktop notifications started or stopped working. */
export const onNotificationsChanged = (handler) => listen("notifications-changed", handler);
/** The tray or a notification asks to show a reminder (its id, or null for Today). */
export const onOpenReminder = (handler) => listen("open-reminder", handler);

/** Opens a web address or a mailto: link in the user's browser or mail client. */
export const openUrl = (url) => window.__TAURI__.opener.openUrl(url);
