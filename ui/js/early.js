// The window's start, before the rest of the page: what the app handed the page for its first
// view (src-tauri/app/first_view.rs), else the calls for it, sent as soon as the page's scripts
// begin; and the events the start follows. `index.html` runs this module at once, while
// main.js's other modules load (issue 12: launch → painted Today).

import * as api from "./api.js";

// Before anything is drawn: app.css names the font that Linux draws anyway (see `:root.linux`).
if (navigator.platform.startsWith("Linux")) document.documentElement.classList.add("linux");

/** `{ status, today, upcoming, pending }` as the app handed them when the window was built,
 * for the window's first page only: a reload (the data file came back, say) asks the app again,
 * since the app hands every page of the window the same. */
function takeHanded() {
  const handed = window.__COFFEECHAT_FIRST_VIEW__ ?? null;
  delete window.__COFFEECHAT_FIRST_VIEW__;
  const navigation = performance.getEntriesByType("navigation")[0];
  return navigation?.type === "navigate" ? handed : null;
}

const handed = takeHanded();

/** The app's status and the reminder to open on, as handed for the first view; null when the
 * start must ask for them. */
export const firstView = handed && { status: handed.status, pending: handed.pending };

const openingOnToday = !location.hash || location.hash === "#/today";

/** Asks the app for Today's data: [today, upcoming reminders, app status]. */
export const askTodayData = () => Promise.all([api.today(), api.upcomingReminders(), api.appStatus()]);

/** Today's data for Today's first render: as handed, else asked for at once. (Handed without
 * it, the data file could not be read: the start shows why, and no call is made for nothing.) */
let todayData = null;
if (openingOnToday && handed?.today && handed.upcoming) {
  todayData = Promise.resolve([handed.today, handed.upcoming, handed.status]);
} else if (openingOnToday && !handed) {
  todayData = askTodayData();
  // A refusal (the data file could not be opened) is the start's to show, from its status.
  todayData.catch(() => {});
}

/** Today's data asked for or handed at the start, once; null after that or when there is none. */
export function takeTodayData() {
  const data = todayData;
  todayData = null;
  return data;
}

const handlers = { flushNow: null, dataStatusChanged: null };

// Followed from the start: the app asks the page to save (flush-now) only once the page said it
// listens, and the start reads the data file's status after `follow`, so that a change before
// the handlers are set is not missed.
const listening = Promise.all([
  api.onFlushNow((request) => handlers.flushNow?.(request)),
  api.onDataStatusChanged(() => handlers.dataStatusChanged?.()),
]);

/** Hands the start's events to their handlers; resolves once the app sends them. */
export function follow({ flushNow, dataStatusChanged }) {
  Object.assign(handlers, { flushNow, dataStatusChanged });
  return listening;
}
