// The data file's problems, as the window shows them: a page when it cannot be opened (held by
// another program, damaged, read-only and in need of an upgrade, from a newer version), and a
// banner above every page when it is open but nothing can be saved (read-only, or moved or
// deleted while the app runs). Each says why and what to do.

import * as api from "./api.js";
import { h, toast } from "./dom.js";
import { refresh } from "./router.js";

/**
 * More ways out that other features offer on the "cannot open" page: functions
 * `(status) => Node | null`, called when the page is drawn. The backups feature adds
 * "Restore a backup" here (`recoveryActions.push(…)`).
 * @type {Array<(status: object) => Node | null>}
 */
export const recoveryActions = [];

const TITLES = {
  data_file_locked: "Another program is holding your data file",
  data_file_corrupt: "Your data file is damaged",
  not_a_database: "This is not a Coffee Chat data file",
  data_file_read_only: "Your data file is read-only",
  database_too_new: "Your data file is from a newer Coffee Chat",
};

/** What the error's own message does not say. */
const ADVICE = {
  data_file_locked: "Coffee Chat tries again by itself every few seconds and opens it as soon as the other program lets go.",
  data_file_read_only: "Coffee Chat tries again by itself every few seconds.",
};

/** Where trying again is the likely way out, it is the main button. */
const RETRY_FIRST = new Set(["data_file_locked", "data_file_read_only", "io", "database", "migration"]);

function showFolderButton() {
  return h("button", {
    type: "button", id: "data-show-folder", className: "secondary",
    onclick: () => api.openDataFolder().catch((error) => toast(error.message, "error")),
  }, "Show the folder");
}

/** "Try again": opens the data file again (or, read-only, writable again). */
function retryButton(primary = true) {
  return h("button", {
    type: "button", id: "data-retry", className: primary ? "primary" : "secondary",
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const status = await api.retryDataFile();
        if (status.data_problem) toast(status.data_problem.error.message, "error");
        else toast("Your data file is open again: changes are saved.");
        await showStatus(status);
      } catch (error) {
        toast(error.message, "error");
      }
      button.disabled = false;
    },
  }, "Try again");
}

/** The page shown instead of the app when the data file cannot be opened. */
export function renderOpenError(main, status) {
  const error = status.error;
  const actions = h("div", { className: "actions", id: "open-error-actions" },
    error.code === "database_too_new" ? null : retryButton(RETRY_FIRST.has(error.code)),
    showFolderButton());
  for (const make of recoveryActions) {
    const action = make(status);
    if (action) actions.append(action);
  }
  main.replaceChildren(
    h("div", { className: "page error-page", id: "open-error", "data-code": error.code },
      h("h1", {}, "Coffee Chat cannot open your data"),
      h("p", { className: "lead" }, h("strong", {}, TITLES[error.code] ?? "Something is wrong with your data file")),
      h("p", { id: "open-error-message" }, error.message),
      ADVICE[error.code] ? h("p", { id: "open-error-advice" }, ADVICE[error.code]) : null,
      actions,
      h("p", { className: "muted" }, "Data file: ", h("code", {}, status.database_path))));
  document.body.dataset.view = "open-error";
  main.setAttribute("aria-busy", "false");
}

let banner = null;

/** Shows (or updates, or with `null` removes) the banner about a data file that is open but
 * cannot be saved into. It stays above every page until the problem is gone. */
export function showDataBanner(problem, databasePath) {
  if (!problem || !problem.opened) {
    banner?.remove();
    banner = null;
    document.body.removeAttribute("data-file-problem");
    return;
  }
  const gone = problem.error.code === "data_file_gone";
  const next = h("div", { className: "banner error data-banner", id: "data-banner", role: "alert", "data-code": problem.error.code },
    h("p", {}, h("strong", {}, "Nothing can be saved right now."), " ", problem.error.message),
    h("p", { className: "muted" }, "Data file: ", h("code", {}, databasePath)),
    h("div", { className: "actions" },
      gone ? reattachButton() : retryButton(),
      showFolderButton()));
  if (banner) banner.replaceWith(next);
  else document.getElementById("view").before(next);
  banner = next;
  document.body.dataset.fileProblem = problem.error.code;
}

function reattachButton() {
  return h("button", {
    type: "button", id: "data-reattach", className: "primary",
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const done = await api.reattachDataFile();
        toast(done.outcome === "opened_the_file_there"
          ? `Opened the data file now in its place; what Coffee Chat had open was kept as ${done.kept}.`
          : "Your data is saved in its place again.");
        await checkDataFile();
      } catch (error) {
        toast(error.message, "error");
      }
      button.disabled = false;
    },
  }, "Save my data here again");
}

/** Shows what `status` (from appStatus) says of the data file: the page when it cannot be
 * opened (reloading the window when it can be now), else the banner or none. */
async function showStatus(status) {
  const onErrorPage = document.body.dataset.view === "open-error";
  if (Boolean(status.error) !== onErrorPage) {
    // Opened at last (a lock went away), or no longer openable: start the window over.
    location.reload();
    return;
  }
  if (onErrorPage) return;
  const had = banner !== null;
  showDataBanner(status.data_problem, status.database_path);
  // Writable again: the page may show what it could not save; draw it again from the data.
  if (had && !banner && !document.querySelector("dialog[open]")) await refresh({ keepFocus: true });
}

/** Asks the app how the data file is and shows it. Resolves with the app status. */
export async function checkDataFile() {
  const status = await api.appStatus();
  await showStatus(status);
  return status;
}

/** Keeps the window in step with the data file: a write refused because of the file shows the
 * banner at once. (The app's own checks, `data-status-changed`, call `checkDataFile`: the start
 * follows them from its first moment, see early.js.) */
export function followDataFile() {
  // Until the first view is drawn, the start reads the status itself and shows it (Today's data,
  // asked for early, may be refused before then).
  window.addEventListener("data-file-problem", () => {
    if (document.body.dataset.view) checkDataFile();
  });
}
