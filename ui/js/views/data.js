// Your data: bring people in (LinkedIn's export, vCards), take everything out (a full export,
// spreadsheets, a calendar), and the daily backups with their restore.

import * as api from "../api.js";
import { confirmAction, formatDateTime, h, toast } from "../dom.js";
import { navigate, refresh } from "../router.js";

const ACTION_WORDS = { add: "Add", update: "Update", duplicate: "Already here", rejected: "Rejected" };
/** The preview lists this many rows; the counts above it cover them all. */
const SHOWN_ROWS = 300;

/** A path dropped onto the window before this page was shown, waiting for its preview. */
let pendingPath = null;

/** Opens this page on the preview of `path` (a file dropped onto the window). */
export function previewDropped(path) {
  pendingPath = path;
  if (location.hash === "#/data") refresh();
  else navigate("#/data");
}

const fileName = (path) => path.split(/[\\/]/).pop();
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function counts(preview) {
  return h("ul", { className: "import-counts", id: "import-counts" },
    h("li", { "data-count": "added" }, h("strong", {}, String(preview.added)), " to add"),
    h("li", { "data-count": "updated" }, h("strong", {}, String(preview.updated)), " to update"),
    h("li", { "data-count": "duplicates" }, h("strong", {}, String(preview.duplicates)), " already here"),
    h("li", { "data-count": "rejected" }, h("strong", {}, String(preview.rejected)), " rejected"));
}

function rowsTable(rows) {
  const shown = rows.slice(0, SHOWN_ROWS);
  return h("div", { className: "import-rows-wrap" },
    h("table", { className: "import-rows", id: "import-rows" },
      h("caption", { className: "visually-hidden" }, "What happens to each row of the file"),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, "Line"), h("th", { scope: "col" }, "Person"),
        h("th", { scope: "col" }, "Result"), h("th", { scope: "col" }, "Details"))),
      h("tbody", {}, shown.map((row) =>
        h("tr", { className: `import-row ${row.action}`, "data-action": row.action, "data-line": row.line },
          h("td", {}, String(row.line)),
          h("td", {}, h("bdi", {}, row.name || "—"), row.organisation ? h("span", { className: "row-sub" }, " · ", h("bdi", {}, row.organisation)) : null),
          h("td", {}, ACTION_WORDS[row.action]),
          h("td", {}, row.detail))))),
    rows.length > shown.length
      ? h("p", { className: "muted" }, `…and ${rows.length - shown.length} more rows, counted above.`)
      : null);
}

/** The Import card: choose or drop a file, see the dry run, confirm, watch it land. */
function importCard() {
  const body = h("div", { id: "import-body" });
  const card = h("section", { className: "card", id: "import-card", "aria-labelledby": "import-title" },
    h("h2", { id: "import-title" }, "Bring your network in"),
    body);

  const start = () => body.replaceChildren(
    h("p", {}, "Import LinkedIn's data export — the whole .zip or just Connections.csv — or a vCard (.vcf) from your phone or a card-scanning app. You will see what happens to every row before anything is saved."),
    h("p", { className: "hint" }, "On LinkedIn: Settings → Data privacy → Get a copy of your data. You can also drop the file anywhere on this window."),
    h("div", { className: "actions" },
      h("button", {
        className: "primary", id: "import-choose",
        onclick: async () => {
          const path = await api.chooseImportFile();
          if (path) showPreview(path);
        },
      }, "Choose a file…")));

  const failed = (path, error) => body.replaceChildren(
    h("div", { className: "banner error", id: "import-error", role: "alert" },
      h("strong", {}, `${fileName(path)} cannot be imported. `), error.message),
    h("p", { className: "muted" }, "Nothing was changed."),
    h("div", { className: "actions" },
      h("button", { id: "import-again", onclick: start }, "Choose another file")));

  async function showPreview(path) {
    body.replaceChildren(h("p", { className: "muted", id: "import-reading" }, `Reading ${fileName(path)}…`));
    let preview;
    try {
      preview = await api.previewImport(path);
    } catch (error) {
      failed(path, error);
      return;
    }
    const changes = preview.added + preview.updated;
    const go = h("button", {
      className: "primary", id: "import-confirm", disabled: changes === 0,
      onclick: () => runImport(path),
    }, changes === 0 ? "Nothing to import" : `Import ${plural(changes, "person", "people")}`);
    body.replaceChildren(
      h("h3", { id: "import-file" }, `Preview of ${fileName(path)}`),
      ...preview.notices.map((notice) => h("p", { className: "banner", "data-notice": "" }, notice)),
      counts(preview),
      h("p", { className: "hint" }, "Nothing is saved until you press Import. People already here are recognised by e-mail, LinkedIn address, or name and organisation; an update only fills in what is empty."),
      h("div", { className: "actions" }, go,
        h("button", { id: "import-cancel", onclick: start }, "Cancel")),
      rowsTable(preview.rows));
    go.focus();
  }

  async function runImport(path) {
    const bar = h("progress", { id: "import-progress", max: 1, value: 0, "aria-label": "Import progress" });
    const label = h("p", { className: "muted" }, "Importing…");
    body.replaceChildren(h("h3", {}, `Importing ${fileName(path)}`), bar, label,
      h("div", { className: "actions" }, h("button", { id: "import-stop", onclick: () => api.cancelImport() }, "Cancel")));
    const stop = await api.onImportProgress(([done, total]) => {
      bar.max = Math.max(total, 1);
      bar.value = done;
      label.textContent = `${done} of ${total} rows…`;
    });
    try {
      const outcome = await api.importFile(path);
      done(path, outcome);
    } catch (error) {
      if (error.code === "cancelled") {
        toast("Import cancelled; nothing was changed.");
        showPreview(path);
      } else {
        failed(path, error);
      }
    } finally {
      stop();
    }
  }

  function done(path, outcome) {
    body.replaceChildren(
      h("p", { className: "banner ok", id: "import-done", role: "status" },
        `Imported ${fileName(path)}: ${plural(outcome.added, "person", "people")} added, ${outcome.updated} updated, ${outcome.duplicates} already here, ${outcome.rejected} rejected.`),
      h("div", { className: "actions" },
        h("button", { className: "primary", id: "import-see-people", onclick: () => navigate("#/people") }, "See your people"),
        outcome.added > 0 ? h("button", {
          id: "import-undo",
          onclick: async () => {
            if (!(await confirmAction("Undo this import?", `The ${plural(outcome.added, "person", "people")} it added go to the trash, where you can restore them for 30 days.`, "Undo import"))) return;
            try {
              const moved = await api.undoImport(outcome.batch_id);
              toast(`${plural(moved, "person", "people")} moved to the trash`);
              start();
            } catch (error) {
              toast(error.message, "error");
            }
          },
        }, "Undo this import") : null,
        h("button", { id: "import-another", onclick: start }, "Import another file")));
  }

  start();
  return { card, showPreview };
}

const EXPORTS = [
  { kind: "json", label: "Everything (.json)", hint: "A full copy that Coffee Chat restores exactly." },
  { kind: "people_csv", label: "People (.csv)", hint: "For a spreadsheet." },
  { kind: "interviews_csv", label: "Interviews (.csv)", hint: "For a spreadsheet." },
  { kind: "calendar", label: "Calendar (.ics)", hint: "Scheduled interviews and open reminders, for any calendar; exporting again updates them." },
];

/** The Export card: one button per format; a native dialog asks where. */
function exportCard() {
  const status = h("p", { className: "muted", id: "export-status", role: "status" });
  return h("section", { className: "card", id: "export-card", "aria-labelledby": "export-title" },
    h("h2", { id: "export-title" }, "Take it with you"),
    h("div", { className: "export-buttons" }, EXPORTS.map(({ kind, label, hint }) =>
      h("button", {
        id: `export-${kind}`, title: hint,
        onclick: async () => {
          try {
            const path = await api.exportData(kind);
            if (path) {
              status.textContent = `Saved ${path}`;
              toast(`Exported to ${fileName(path)}`);
            }
          } catch (error) {
            status.textContent = "";
            toast(error.message, "error");
          }
        },
      }, label))),
    status,
    h("p", { className: "hint" }, "Starting again on a new computer? Install Coffee Chat there, then restore the .json export into its empty data file."),
    h("div", { className: "actions" },
      h("button", {
        id: "restore-export",
        onclick: async () => {
          try {
            const restored = await api.restoreExport();
            if (restored) {
              toast(`Restored ${plural(restored.people, "person", "people")} and ${plural(restored.interviews, "interview", "interviews")}`);
              refresh({ keepFocus: true });
            }
          } catch (error) {
            toast(error.message, "error");
          }
        },
      }, "Restore an export (.json)…")));
}

const sizeText = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * The Backups card: where they are, how many are kept, back up now, restore any.
 * `onRestored` runs after a restore (the page by default draws itself again).
 */
function backupsCard(view, onRestored = () => refresh({ keepFocus: true })) {
  const list = view.backups.length === 0
    ? h("p", { className: "empty-line", id: "backup-list" }, "No backup yet. One is made every day while Coffee Chat runs.")
    : h("ul", { className: "list", id: "backup-list" }, view.backups.map((backup) =>
      h("li", { className: "row backup-row", "data-file": backup.file_name },
        h("div", { className: "row-main" },
          h("span", { className: "row-title" }, formatDateTime(backup.taken_at)),
          h("span", { className: "row-sub" }, backup.restorable
            ? `${plural(backup.people, "person", "people")} · ${plural(backup.interviews, "interview", "interviews")} · ${sizeText(backup.size_bytes)}`
            : backup.problem ?? "Cannot be restored.")),
        h("button", {
          className: "secondary restore-backup", disabled: !backup.restorable,
          onclick: async () => {
            const question = `Coffee Chat goes back to your data as it was on ${formatDateTime(backup.taken_at)}. What you have now is backed up first, so you can come back to it.`;
            if (!(await confirmAction("Restore this backup?", question, "Restore"))) return;
            try {
              await api.restoreBackup(backup.file_name);
              toast("Backup restored");
              onRestored();
            } catch (error) {
              toast(error.message, "error");
            }
          },
        }, "Restore"))));
  const kept = h("input", { id: "backups-kept", type: "number", min: 1, max: 60, step: 1, value: view.kept });
  const keptError = h("p", { className: "field-error", "data-for": "backups_kept" });
  kept.addEventListener("change", async () => {
    keptError.textContent = "";
    kept.removeAttribute("aria-invalid");
    try {
      await api.setBackupsKept(Number(kept.value));
      toast("Saved");
    } catch (error) {
      keptError.textContent = error.message;
      kept.setAttribute("aria-invalid", "true");
    }
  });
  return h("section", { className: "card", id: "backups-card", "aria-labelledby": "backups-title" },
    h("h2", { id: "backups-title" }, "Backups"),
    h("p", {}, "A backup of your data is made every day, and before every upgrade. ",
      h("span", { className: "muted" }, "Folder: "), h("code", { id: "backup-folder" }, view.folder)),
    h("div", { className: "field" },
      h("label", { for: "backups-kept" }, "Backups to keep"), kept, keptError),
    h("div", { className: "actions" },
      h("button", {
        className: "primary", id: "back-up-now",
        onclick: async () => {
          try {
            await api.backUpNow();
            toast("Backup made");
            refresh({ keepFocus: true });
          } catch (error) {
            toast(error.message, "error");
          }
        },
      }, "Back up now")),
    list);
}

/**
 * "Restore a backup", offered on the page shown when the data file cannot be opened (a damaged
 * file, say): lists the backups there, and starts the app afresh on the one restored.
 */
export function backupRecovery() {
  const button = h("button", {
    type: "button", id: "data-restore-backup", className: "secondary",
    onclick: async () => {
      try {
        const view = await api.listBackups();
        document.getElementById("open-error")?.append(backupsCard(view, () => location.reload()));
        button.hidden = true;
      } catch (error) {
        toast(error.message, "error");
      }
    },
  }, "Restore a backup…");
  return button;
}

export async function render(el) {
  const backups = await api.listBackups();
  const importer = importCard();
  el.append(
    h("header", { className: "page-header" },
      h("h1", {}, "Your data"),
      h("p", {}, "Bring your network in, take everything out, and keep a backup every day.")),
    importer.card,
    exportCard(),
    backupsCard(backups));
  if (pendingPath) {
    const path = pendingPath;
    pendingPath = null;
    importer.showPreview(path);
  }
}
