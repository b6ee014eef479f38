// Settings: where the data lives, interview defaults, and the trash.

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { formatDay, formValues, h, relative, toast } from "../dom.js";
import { refresh } from "../router.js";
import { bankCard, profileCard, templatesCard } from "./settings-method.js";

function trashList(items) {
  if (items.length === 0) {
    return h("p", { className: "empty-line", id: "trash-list" }, "The trash is empty.");
  }
  return h("ul", { className: "list", id: "trash-list" }, items.map((item) =>
    h("li", { className: "row trash-item", "data-kind": item.kind, "data-id": item.id },
      h("div", { className: "row-main" },
        h("span", { className: "row-title", dir: "auto" }, item.title),
        h("span", { className: "row-sub" },
          `Deleted ${relative(item.deleted_at)} · removed for good on ${formatDay(item.purge_at)}`)),
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
  const [status, settings, trash, profile, templates, bank, archived, cards] = await Promise.all([
    api.appStatus(), api.getSettings(), api.listTrash(), api.getProfile(), api.listTemplates(),
    api.questionBank(), api.archivedBankQuestions(), api.pipeline(),
  ]);
  // The preview shows the messages filled in for the interview worked on last.
  const preview = cards[0] ?? null;

  const number = (name, label, min, max, hint) => h("div", { className: "field" },
    h("label", { for: `setting-${name}` }, label),
    h("input", { id: `setting-${name}`, name, type: "number", min, max, step: 1, value: settings[name] }),
    hint ? h("p", { className: "hint" }, hint) : null,
    h("p", { className: "field-error", "data-for": name }));
  const time = (name, label) => h("div", { className: "field" },
    h("label", { for: `setting-${name}` }, label),
    h("input", { id: `setting-${name}`, name, type: "time", value: settings[name] }),
    h("p", { className: "field-error", "data-for": name }));

  const saved = h("span", { className: "save-status", id: "settings-status", role: "status" });
  const form = h("form", {
    className: "card", id: "settings-form", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      if (await editor.flush()) toast("Settings saved");
      else form.querySelector("[aria-invalid]")?.focus();
    },
  },
  h("h2", {}, "Interviews"),
  h("div", { className: "field" },
    h("label", { for: "default-planned-minutes" }, "Planned length of a new interview (minutes)"),
    h("input", {
      id: "default-planned-minutes", name: "default_planned_minutes", type: "number",
      min: 5, max: 240, step: 5, value: settings.default_planned_minutes,
    }),
    h("p", { className: "hint" }, "The method asks for 15–20 minutes. Interviews you already created keep theirs."),
    h("p", { className: "field-error", "data-for": "default_planned_minutes" })),
  h("h2", {}, "Reminders"),
  h("div", { className: "grid-2" },
    number("thank_you_hours", "Thank-you note due after (hours)", 1, 168, "After the interview ended. 24: the next day at the same time."),
    number("thank_you_final_days", "Last call for the thank-you (days)", 2, 14, "A stronger reminder if it is still not sent."),
    number("tip_days", "Follow up on tips after (days)", 1, 90, "At 09:00; each tip can have its own date."),
    number("keep_in_touch_days", "Keep in touch every (days)", 7, 365, "After the last contact with someone you interviewed.")),
  h("div", { className: "grid-2" },
    time("quiet_start", "Quiet hours start"),
    time("quiet_end", "Quiet hours end")),
  h("p", { className: "hint" }, "No notification is shown in the quiet hours; what falls due then is shown when they end. The same start and end time turns them off."),
  h("h2", {}, "No reply to a request (the 3B7 rule)"),
  h("p", { className: "hint", id: "rule-3b7" },
    "3B7 stands for 3 business days, then 7. People who want to help usually answer within 3 " +
    "business days. If someone has not answered by then, contact a second person at the same " +
    "organisation; if there is still no answer after 7 business days, send the first person " +
    "one short follow-up, then let it go."),
  h("div", { className: "field check" },
    h("input", { id: "setting-no_response_enabled", name: "no_response_enabled", type: "checkbox", checked: settings.no_response_enabled }),
    h("label", { for: "setting-no_response_enabled" },
      "Nudge me 3 business days after a request (try a second person there) and 7 (follow up once)")),
  h("div", { className: "field" },
    h("label", { for: "setting-holidays" }, "Holidays (not business days)"),
    h("textarea", { id: "setting-holidays", name: "holidays", rows: 3, placeholder: "2026-12-25", value: settings.holidays.join("\n") }),
    h("p", { className: "hint" }, "One date per line, like 2026-12-25. Weekends never count."),
    h("p", { className: "field-error", "data-for": "holidays" })),
  h("div", { className: "actions" }, saved, h("button", { type: "submit", className: "primary", id: "settings-save" }, "Save")));
  const editor = autosave({
    name: "settings",
    label: "Settings",
    save: () => {
      const values = formValues(form);
      const numbers = ["default_planned_minutes", "thank_you_hours", "thank_you_final_days", "tip_days", "keep_in_touch_days"];
      for (const name of numbers) values[name] = Number(values[name]);
      return api.updateSettings(values);
    },
    status: saved,
    scope: form,
  });
  form.addEventListener("input", editor.changed);

  el.append(
    h("header", { className: "page-header" }, h("div", {}, h("h1", {}, "Settings"))),
    h("div", { id: "settings-page", className: "stack" },
      h("section", { className: "card" },
        h("h2", {}, "Your data"),
        h("p", {}, "Everything you enter stays in one file on this computer. Nothing is sent anywhere."),
        h("p", {}, h("code", { id: "data-folder" }, status.database_path)),
        h("div", { className: "actions start" },
          h("button", {
            className: "secondary", id: "open-data-folder",
            onclick: () => api.openDataFolder().catch((error) => toast(error.message, "error")),
          }, "Show in file manager"),
          h("a", { className: "button", href: "#/data", id: "settings-backups" }, "Backups, import and export…")),
        h("p", { className: "hint" }, "A backup is made every day; restore any of the last ones from Your data.")),
      form,
      profileCard(profile),
      templatesCard(templates, preview),
      bankCard(bank, archived),
      h("section", { className: "card" },
        h("h2", {}, "Trash"),
        h("p", { className: "hint" }, "Deleted people and interviews stay here for 30 days."),
        trashList(trash)),
      h("p", { className: "muted about" }, `Coffee Chat ${status.version}`)));
}
