// Start-up: check the data file opened, then route; global keyboard shortcuts.

import { firstView, follow } from "./early.js";
import * as api from "./api.js";
import { describeUnsaved, flushAll } from "./autosave.js";
import { confirmAction, toast } from "./dom.js";
import { preloadViews, refresh } from "./router.js";
import { checkDataFile, followDataFile, recoveryActions, renderOpenError, showDataBanner } from "./data-file.js";
import { showReminder } from "./views/today.js";

// What the start does not need is loaded when first asked for (or by `preloadViews` once
// Today is painted), so that it does not delay the first paint (issue 12).
const findBox = () => import("./find.js");
const dataView = () => import("./views/data.js");

function isTyping(target) {
  return target.closest?.("input, textarea, select, [contenteditable], dialog[open]");
}

const SHORTCUTS = { 1: "#/today", 2: "#/people", 3: "#/pipeline", 4: "#/settings", 5: "#/data" };

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  if (document.querySelector("dialog[open]")) return;
  if (SHORTCUTS[event.key]) {
    event.preventDefault();
    location.hash = SHORTCUTS[event.key];
  }
});

// Find anything: Ctrl+K (⌘K) from any screen, also while typing in a field, unless another
// dialog asks for an answer; or the sidebar's button.
const openFind = () => findBox().then((find) => find.openFind());
document.addEventListener("keydown", (event) => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
  if (event.key.toLowerCase() !== "k") return;
  if (document.querySelector("dialog[open]:not(#find-dialog)")) return;
  event.preventDefault();
  openFind();
});
document.getElementById("find-open")?.addEventListener("click", openFind);

// Anything that slipped through a view's own handling is still said, not swallowed.
window.addEventListener("unhandledrejection", (event) => {
  toast(event.reason?.message ?? String(event.reason), "error");
});

// Before the window closes or the app quits, the app asks the page to save what it holds and
// waits for the answer (at most 2 s). Text that cannot be saved holds a close or Quit: the page
// says what and why, and the user decides. A signal (log-out, shutdown) is never held.
async function saveBeforeLeaving({ request, reason }) {
  const { ok, unsaved } = await flushAll();
  if (ok || reason === "signal") {
    await api.flushed(request, true);
    return;
  }
  await api.flushed(request, false);
  const go = await confirmAction(
    "Some of your text is not saved",
    `${describeUnsaved(unsaved)}\n\nIt stays in its field for you to fix. If you ${reason === "quit" ? "quit" : "close the window"} now, it is lost.`,
    reason === "quit" ? "Quit anyway" : "Close anyway",
    "Keep editing",
  );
  if (go) await api.flushed(request, true);
}

// Once the first view is in the page, the app shows the window, built hidden so that it never
// shows an empty page. Once that view is on screen, the app begins the start-up work it held back
// so as not to slow the first paint down (the data file's check, the daily backup), and the page
// loads the other views. Said once, even when starting failed: the app waits only a few seconds
// for it anyway.
let firstPaintSaid = false;
function sayFirstPaint() {
  if (firstPaintSaid) return;
  firstPaintSaid = true;
  // The size the page has when it asks to be shown: the window's, though still hidden
  // (src-tauri/app/hidden_page.rs).
  performance.mark("first-view-ready", { detail: { width: innerWidth, height: innerHeight } });
  api.firstViewReady().catch(() => {});
  // Laid out now, while the app maps the window, rather than once it is mapped.
  void document.body.offsetWidth;
  requestAnimationFrame(() => setTimeout(() => {
    api.pageDrawn().catch(() => {});
    preloadViews();
    findBox().catch(() => {});
  }));
}

/** Draws the first view: the page saying why when the data file cannot be opened, else Today
 * (on the reminder the tray or a notification opened the window on, if any). Resolves whether
 * the data file is open. */
async function showFirstView(status, pending) {
  if (status.error) {
    // A data file that cannot be opened can be brought back from one of its daily backups.
    recoveryActions.push((await dataView()).backupRecovery);
    renderOpenError(document.getElementById("view"), status);
    return false;
  }
  showDataBanner(status.data_problem, status.database_path);
  window.addEventListener("hashchange", () => refresh());
  if (pending !== null) showReminder(pending);
  else await refresh();
  return true;
}

async function start() {
  // The data file's problems: the page when it cannot be opened (it reloads once it can, or
  // when its check fails after Today was drawn), the banner when nothing can be saved into it.
  followDataFile();
  const events = { flushNow: saveBeforeLeaving, dataStatusChanged: checkDataFile };
  let opened;
  if (firstView) {
    // Drawn from what the app handed the page, then followed; the status was read when the
    // window was built, so it is read again once followed: a change since is not missed.
    opened = await showFirstView(firstView.status, firstView.pending);
    sayFirstPaint();
    await follow(events);
    await Promise.all([api.pageListens(), checkDataFile()]);
  } else {
    // Followed before the status is read, so a change between the two is not missed.
    await follow(events);
    const [status, , pending] = await Promise.all([
      api.appStatus(), api.pageListens(), api.takePendingReminder(),
    ]);
    opened = await showFirstView(status, pending);
    sayFirstPaint();
  }
  if (!opened) return;
  await api.onOpenReminder(async () => {
    const id = await api.takePendingReminder();
    showReminder(id);
  });
  // Today follows the reminders as they fall due or are done elsewhere (tray, notification).
  const refreshToday = () => {
    if (document.body.dataset.view === "today" && !document.querySelector("dialog[open]")) {
      refresh({ keepFocus: true });
    }
  };
  await api.onRemindersChanged(refreshToday);
  // A file dropped anywhere on the window is offered for import.
  await api.onFileDropped((path) => dataView().then((data) => data.previewDropped(path)));
  await api.onNotificationsChanged(refreshToday);
}

start().finally(sayFirstPaint);
