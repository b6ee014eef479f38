// Settings for the interview method: the user's name and background, the three message
// templates (with their placeholders and a preview on real data), and the question bank.

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { action, clearErrors, formValues, h, showError, toast } from "../dom.js";
import { refresh } from "../router.js";
import { categoryLabel } from "./interview-prep.js";

const KINDS = {
  request: ["Request", "Asks for 15–20 minutes of advice."],
  thank_you: ["Thank-you note", "Sent within a day of the interview."],
  follow_up: ["Follow-up note", "Sent once you have followed up on their tips."],
};

export function profileCard(profile) {
  const status = h("span", { className: "save-status", id: "profile-status", role: "status" });
  const form = h("form", {
    className: "card", id: "profile-form", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      if (await editor.flush()) {
        toast("Saved: your messages sign with it");
        refresh({ keepFocus: true });
      } else {
        form.querySelector("[aria-invalid]")?.focus();
      }
    },
  },
  h("h2", {}, "About you"),
  h("p", { className: "hint" }, "The templates use these: {{my_name}} signs, {{background}} says where you come from."),
  h("div", { className: "grid-2" },
    h("div", { className: "field" },
      h("label", { for: "profile-my_name" }, "Your name"),
      h("input", { id: "profile-my_name", name: "my_name", value: profile.my_name, autocomplete: "off" }),
      h("p", { className: "field-error", "data-for": "my_name" })),
    h("div", { className: "field" },
      h("label", { for: "profile-background" }, "Your background"),
      h("input", { id: "profile-background", name: "background", value: profile.background, autocomplete: "off", placeholder: "e.g. eight years of teaching" }),
      h("p", { className: "field-error", "data-for": "background" }))),
  h("div", { className: "actions" }, status, h("button", { type: "submit", className: "primary", id: "profile-save" }, "Save")));
  const editor = autosave({
    name: "profile",
    label: "About you",
    save: () => api.updateProfile(formValues(form)),
    status,
    scope: form,
  });
  form.addEventListener("input", editor.changed);
  return form;
}

/** Inserts `text` at the caret of the last focused field of `form`. */
function insertAt(field, text) {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  field.setRangeText(text, start, end, "end");
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.focus();
}

function templateEditor(template, placeholders, preview) {
  const [title, hint] = KINDS[template.kind];
  const id = (name) => `template-${template.kind}-${name}`;
  const subject = h("input", { id: id("subject"), name: "template_subject", value: template.subject, autocomplete: "off" });
  const body = h("textarea", { id: id("body"), name: "template_body", rows: 10, value: template.body });
  let last = body;
  subject.addEventListener("focus", () => { last = subject; });
  body.addEventListener("focus", () => { last = body; });

  const previewBox = h("div", { className: "draft-preview", id: id("preview") });
  const showPreview = (draft) => {
    if (!draft) {
      previewBox.replaceChildren(h("p", { className: "muted" }, "Start an interview to see this message with real names."));
      return;
    }
    previewBox.replaceChildren(
      h("p", { className: "eyebrow" }, `Preview with ${preview.person_name} (as saved)`),
      h("p", { className: "draft-subject" }, draft.subject),
      h("pre", { className: "draft-body" }, draft.body));
  };
  const loadPreview = async () => showPreview(preview ? await api.getDraft(preview.id, template.kind, { fromTemplate: true }) : null);

  const status = h("span", { className: "save-status", id: id("status"), role: "status" });
  const form = h("form", {
    className: "template-editor", id: id("form"), "data-kind": template.kind, noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      if (await editor.flush()) toast(`${title} template saved`);
      else form.querySelector("[aria-invalid]")?.focus();
    },
  });
  const editor = autosave({
    name: id("editor"),
    label: `${title} template`,
    save: () => api.saveTemplate(template.kind, { subject: subject.value, body: body.value }),
    status,
    scope: form,
    onSaved: () => {
      reset.disabled = false;
      loadPreview().catch(() => showPreview(null));
    },
  });
  form.addEventListener("input", editor.changed);
  const reset = h("button", {
    type: "button", className: "secondary", id: id("reset"), disabled: template.is_default,
    onclick: async () => {
      try {
        await api.resetTemplate(template.kind);
        toast(`${title} template back to the default`);
        refresh({ keepFocus: true });
      } catch (error) {
        toast(error.message, "error");
      }
    },
  }, "Reset to default");
  form.append(
    h("h3", {}, title, " ", h("span", { className: "hint" }, hint)),
    h("div", { className: "template-grid" },
      h("div", {},
        h("div", { className: "field" },
          h("label", { for: subject.id }, "Subject"), subject,
          h("p", { className: "field-error", "data-for": "template_subject" })),
        h("div", { className: "field" },
          h("label", { for: body.id }, "Message"), body,
          h("p", { className: "field-error", "data-for": "template_body" })),
        h("div", { className: "placeholders", role: "group", "aria-label": "Insert a placeholder" },
          h("span", { className: "hint" }, "Insert: "),
          placeholders.map((name) => h("button", {
            type: "button", className: "chip", onclick: () => insertAt(last, `{{${name}}}`),
          }, `{{${name}}}`)))),
      previewBox),
    h("div", { className: "actions" }, status, reset, h("button", { type: "submit", className: "primary", id: id("save") }, "Save")));
  loadPreview().catch(() => showPreview(null));
  return form;
}

export function templatesCard(view, preview) {
  return h("section", { className: "card", id: "templates-card" },
    h("h2", {}, "Message templates"),
    h("p", { className: "hint" }, "Placeholders in double braces are filled with the person's details; one without a value shows as [first name] for you to fill in."),
    view.templates.map((template) => templateEditor(template, view.placeholders, preview)));
}

export function bankCard(bank, archived) {
  const act = (call, message) => action(call, () => {
    toast(message);
    refresh({ keepFocus: true });
  });
  const groups = new Map();
  for (const q of bank) {
    if (!groups.has(q.category)) groups.set(q.category, []);
    groups.get(q.category).push(q);
  }
  const categories = [...new Set([...bank, ...archived].map((q) => q.category))];
  const form = h("form", {
    className: "add-bank", id: "bank-form", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(form);
      const v = formValues(form);
      try {
        await api.addBankQuestion(v.question, v.category);
        toast("Question added to the bank");
        refresh({ keepFocus: true });
      } catch (error) {
        showError(form, error);
      }
    },
  },
  h("div", { className: "grid-2" },
    h("div", { className: "field wide" },
      h("label", { for: "bank-text" }, "Your own question"),
      h("input", { id: "bank-text", name: "question", autocomplete: "off" }),
      h("p", { className: "field-error", "data-for": "question" })),
    h("div", { className: "field" },
      h("label", { for: "bank-category" }, "Category"),
      h("input", { id: "bank-category", name: "category", list: "bank-categories", autocomplete: "off", placeholder: "e.g. Day to day" }),
      h("datalist", { id: "bank-categories" }, categories.map((c) => h("option", { value: c }))),
      h("p", { className: "field-error", "data-for": "category" }))),
  h("div", { className: "actions" }, h("button", { type: "submit", className: "primary", id: "bank-add" }, "Add to the bank")));

  return h("section", { className: "card", id: "bank-card" },
    h("h2", {}, "Question bank"),
    h("p", { className: "hint" }, "Pick from these on an interview's page. Archived questions stay on the interviews that used them."),
    [...groups].map(([category, questions]) => h("div", { className: "bank-group" },
      h("h3", {}, categoryLabel(category)),
      h("ul", { className: "item-list" }, questions.map((q) =>
        h("li", { className: "item-row bank-question", "data-id": q.id },
          h("span", { className: "item-text" }, q.text),
          h("button", { type: "button", className: "secondary small", "aria-label": `Archive: ${q.text}`,
            onclick: act(() => api.archiveBankQuestion(q.id), "Question archived") }, "Archive")))))),
    form,
    archived.length
      ? h("details", { className: "archived", id: "bank-archived" },
        h("summary", {}, `Archived (${archived.length})`),
        h("ul", { className: "item-list" }, archived.map((q) =>
          h("li", { className: "item-row", "data-id": q.id },
            h("span", { className: "item-text" }, q.text, " ", h("span", { className: "badge" }, categoryLabel(q.category))),
            h("button", { type: "button", className: "secondary small", "aria-label": `Restore: ${q.text}`,
              onclick: act(() => api.restoreBankQuestion(q.id), "Question back in the bank") }, "Restore")))))
      : null);
}
