// Settings: where the data lives, interview defaults, and the trash.

import * as api from "../api.js";
import { clearErrors, formatDate, h, relative, showError, toast } from "../dom.js";
import { refresh } from "../router.js";

function trashList(items) {
  if (items.length === 0) {
    return h("p", { className: "empty-line", id: "trash-list" }, "The trash is empty.");
  }
  return h("ul", { className: "list", id: "trash-list" }, items.map((item) =>
    h("li", { className: "row trash-item", "data-kind": item.kind, "data-id": item.id },
      h("div", { className: "row-main" },
        h("span", { className: "row-title" }, item.title),
        h("span", { className: "row-sub" },
          `Deleted ${relative(item.deleted_at)} · removed for good on ${formatDate(item.purge_at.slice(0, 10))}`)),
      h("button", {
        className: "secondary restore",
        onclick: async () => {
          try {
            await api.restoreFromTrash(item.kind, item.id);
            toast(`${item.title} restored`);
            refresh({ keepFocus: true });
          } catch (error) {
            toast(error.message, "error");
          }
        },
      }, "Restore"))));
}

export async function render(el) {
  const [status, settings, trash] = await Promise.all([api.appStatus(), api.getSettings(), api.listTrash()]);

  const minutes = h("input", {
    id: "default-planned-minutes", name: "default_planned_minutes", type: "number",
    min: 5, max: 240, step: 5, value: settings.default_planned_minutes,
  });
  const form = h("form", {
    className: "card", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(form);
      try {
        await api.updateSettings({ default_planned_minutes: Number(minutes.value) });
        toast("Settings saved");
      } catch (error) {
        showError(form, error);
      }
    },
  },
  h("h2", {}, "Interviews"),
  h("div", { className: "field" },
    h("label", { for: "default-planned-minutes" }, "Planned length of a new interview (minutes)"),
    minutes,
    h("p", { className: "hint" }, "The method asks for 15–20 minutes. Interviews you already created keep theirs."),
    h("p", { className: "field-error", "data-for": "default_planned_minutes" })),
  h("div", { className: "actions" }, h("button", { type: "submit", className: "primary", id: "settings-save" }, "Save")));

  el.append(
    h("header", { className: "page-header" }, h("div", {}, h("h1", {}, "Settings"))),
    h("div", { id: "settings-page", className: "stack" },
      h("section", { className: "card" },
        h("h2", {}, "Your data"),
        h("p", {}, "Everything you enter stays in one file on this computer. Nothing is sent anywhere."),
        h("p", {}, h("code", { id: "data-folder" }, status.database_path)),
        h("button", {
          className: "secondary", id: "open-data-folder",
          onclick: () => api.openDataFolder().catch((error) => toast(error.message, "error")),
        }, "Show in file manager")),
      form,
      h("section", { className: "card" },
        h("h2", {}, "Trash"),
        h("p", { className: "hint" }, "Deleted people and interviews stay here for 30 days."),
        trashList(trash)),
      h("p", { className: "muted about" }, `Coffee Chat ${status.version}`)));
}
