// The add/edit person dialog. Resolves with the saved person's id, or null when cancelled.

import * as api from "../api.js";
import { clearErrors, formValues, h, showError } from "../dom.js";

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

  return new Promise((resolve) => {
    let saving = false;
    const finish = (id) => {
      form.removeEventListener("submit", onSubmit);
      dialog.removeEventListener("close", onClose);
      cancel.removeEventListener("click", onCancel);
      if (dialog.open) dialog.close();
      resolve(id);
    };
    const onSubmit = async (event) => {
      event.preventDefault();
      if (saving) return;
      saving = true;
      clearErrors(form);
      const values = formValues(form);
      const input = { ...values, referred_by_id: person?.referred_by_id ?? null };
      try {
        const id = person ? (await api.updatePerson(person.id, input), person.id) : await api.addPerson(input);
        finish(id);
      } catch (error) {
        showError(form, error.field ? error : { ...error, field: "_form" });
      } finally {
        saving = false;
      }
    };
    const onClose = () => finish(null);
    const onCancel = () => finish(null);
    const cancel = document.getElementById("person-cancel");
    form.addEventListener("submit", onSubmit);
    dialog.addEventListener("close", onClose);
    cancel.addEventListener("click", onCancel);
    dialog.showModal();
    form.elements.name.focus();
  });
}
