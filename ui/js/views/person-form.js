// The add/edit person dialog. Resolves with the saved person's id, or null when cancelled.
// Editing saves as the user types, like every editor (autosave.js); a new person is added on
// Save, or when the window closes or the app quits with the dialog open.

import * as api from "../api.js";
import { autosave, describeUnsaved } from "../autosave.js";
import { clearErrors, confirmAction, formValues, h } from "../dom.js";

const TEXT_FIELDS = [
  "name", "title", "organisation", "field", "email", "phone", "linkedin_url",
  "location", "how_met", "tags", "notes",
];

async function fillSuggestions() {
  try {
    const { organisations, fields } = await api.suggestions();
    document.getElementById("organisation-names")
      .replaceChildren(...organisations.map((value) => h("option", { value })));
    document.getElementById("field-names")
      .replaceChildren(...fields.map((value) => h("option", { value })));
  } catch {
    // Suggestions are a convenience; the form works without them.
  }
}

/** @param {object|null} person an existing person to edit, or null to add one */
export function openPersonForm(person = null) {
  const dialog = document.getElementById("person-dialog");
  const form = document.getElementById("person-form");
  clearErrors(form);
  form.reset();
  dialog.querySelector("#person-dialog-title").textContent = person ? "Edit person" : "Add a person";
  if (person) {
    for (const name of TEXT_FIELDS) form.elements[name].value = person[name] ?? "";
    form.elements.warm.checked = person.warm;
  }
  fillSuggestions();

  const cancel = document.getElementById("person-cancel");
  cancel.textContent = person ? "Close" : "Cancel";
  const status = document.getElementById("person-save-status");
  status.textContent = "";
  let id = person?.id ?? null;
  let savedOnce = false;
  const editor = autosave({
    name: "person-dialog",
    label: person ? `Details of ${person.name}` : "The new person",
    save: async () => {
      const input = { ...formValues(form), referred_by_id: person?.referred_by_id ?? null };
      if (id === null) id = await api.addPerson(input);
      else await api.updatePerson(id, input);
      savedOnce = true;
    },
    status,
    scope: form,
    // A new person is added when the user says so; an existing one saves as they type.
    delay: person ? undefined : null,
    page: false,
  });

  return new Promise((resolve) => {
    const finish = (result) => {
      editor.dispose();
      form.removeEventListener("input", editor.changed);
      form.removeEventListener("submit", onSubmit);
      dialog.removeEventListener("cancel", onEscape);
      dialog.removeEventListener("close", onClose);
      cancel.removeEventListener("click", onCancel);
      if (dialog.open) dialog.close();
      resolve(result);
    };
    const onSubmit = async (event) => {
      event.preventDefault();
      editor.changed();
      if (await editor.flush()) finish(id);
      else form.querySelector("[aria-invalid]")?.focus();
    };
    // Cancel drops a person not added yet; Close (editing) keeps what was typed, and asks
    // before dropping what cannot be saved.
    const onCancel = async () => {
      if (!person) {
        finish(null);
        return;
      }
      if (await editor.flush()) {
        finish(savedOnce ? id : null);
        return;
      }
      const drop = await confirmAction("Close without saving?",
        `${describeUnsaved([{ label: editor.label, message: editor.problem() }])}\n\nIf you close, this change is lost.`,
        "Close without saving", "Keep editing");
      if (drop) finish(savedOnce ? id : null);
    };
    const onEscape = (event) => {
      event.preventDefault();
      onCancel();
    };
    const onClose = () => finish(savedOnce ? id : null);
    form.addEventListener("input", editor.changed);
    form.addEventListener("submit", onSubmit);
    dialog.addEventListener("cancel", onEscape);
    dialog.addEventListener("close", onClose);
    cancel.addEventListener("click", onCancel);
    dialog.showModal();
    form.elements.name.focus();
  });
}
