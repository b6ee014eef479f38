// A person's page: who they are, what you know, and your interviews with them.

import * as api from "../api.js";
import { clearErrors, confirmAction, formatDate, formatDateTime, formatDay, h, showError, toast } from "../dom.js";
import { navigate, refresh } from "../router.js";
import { stageLabel } from "../stages.js";
import { openPersonForm } from "./person-form.js";

function detail(label, value, link) {
  if (!value) return null;
  const open = () => api.openUrl(link).catch((error) => toast(`Could not open it: ${error}`, "error"));
  return [h("dt", {}, label), h("dd", {}, link
    ? h("button", { className: "link", title: `Open ${value}`, onclick: open }, value)
    : value)];
}

function interviewItem(card) {
  const when = card.scheduled_at
    ? formatDateTime(card.scheduled_at)
    : card.request_date ? `requested ${formatDate(card.request_date)}` : `started ${formatDay(card.stage_changed_at)}`;
  return h("li", { className: "row" },
    h("div", { className: "row-main" },
      h("a", { className: "row-title interview-link", href: `#/interviews/${card.id}` }, "Informational interview"),
      h("span", { className: "row-sub" }, when)),
    h("span", { className: `badge stage-${card.stage}` }, stageLabel(card.stage)));
}

function contactsCard(id, contacts) {
  const note = h("input", {
    id: "contact-note", name: "contact_note", maxLength: 500,
    placeholder: "Coffee at the meetup, sent them an article…",
  });
  const form = h("form", {
    className: "add-contact", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(form);
      try {
        await api.logContact(id, note.value);
        toast("Contact logged: keep-in-touch starts again from today");
        refresh({ keepFocus: true });
      } catch (error) {
        showError(form, error);
      }
    },
  },
  h("label", { for: "contact-note" }, "Log a contact"),
  h("div", { className: "inline-form" }, note, h("button", { type: "submit", className: "secondary", id: "log-contact" }, "Log")),
  h("p", { className: "field-error", "data-for": "contact_note" }));
  return h("section", { className: "card", id: "person-contacts" },
    h("h2", {}, "Keeping in touch"),
    contacts.length
      ? h("ul", { className: "history" }, contacts.slice(0, 5).map((contact) =>
        h("li", {}, h("span", {}, contact.note || "Contact"), h("time", {}, formatDateTime(contact.at)))))
      : h("p", { className: "empty-line" }, "No contact logged since your interviews."),
    form);
}

export async function render(el, id) {
  const [person, contacts] = await Promise.all([api.getPerson(id), api.listContacts(id)]);

  const edit = async () => {
    const saved = await openPersonForm(person);
    if (saved) {
      toast("Saved");
      navigate(`#/people/${id}`);
    }
  };
  const remove = async () => {
    const ok = await confirmAction(`Delete ${person.name}?`,
      "They and their interviews go to the trash. You can restore them from Settings for 30 days.");
    if (!ok) return;
    try {
      await api.deletePerson(id);
      toast(`${person.name} moved to the trash`);
      navigate("#/people");
    } catch (error) {
      toast(error.message, "error");
    }
  };
  const startInterview = async () => {
    try {
      const interviewId = await api.createInterview(id);
      navigate(`#/interviews/${interviewId}`);
    } catch (error) {
      toast(error.message, "error");
    }
  };

  const subtitle = [person.title, person.organisation].filter(Boolean).join(" at ");
  const details = [
    detail("Field", person.field),
    detail("E-mail", person.email, person.email && `mailto:${encodeURIComponent(person.email).replace("%40", "@")}`),
    detail("Phone", person.phone),
    detail("LinkedIn", person.linkedin_url, person.linkedin_url),
    detail("Location", person.location),
    detail("How you know them", person.how_met),
    detail("Referred by", person.referred_by_name),
    detail("Tags", person.tags),
  ].filter(Boolean).flat();

  el.append(
    h("nav", { className: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "#/people" }, "← People")),
    h("header", { className: "page-header" },
      h("div", {},
        h("h1", { id: "person-heading", dir: "auto" }, person.name),
        subtitle ? h("p", { className: "muted" }, subtitle) : null,
        person.warm ? h("span", { className: "badge warm" }, "Warm contact") : null),
      h("div", { className: "header-actions" },
        h("button", { className: "secondary", id: "edit-person", onclick: edit }, "Edit"),
        h("button", { className: "secondary danger-text", id: "delete-person", onclick: remove }, "Delete"))),
    h("div", { id: "person-page", className: "columns" },
      h("section", { className: "card" },
        h("h2", {}, "Details"),
        details.length ? h("dl", { className: "details" }, details)
          : h("p", { className: "empty-line" }, "No details yet. Use Edit to add their organisation, e-mail or LinkedIn address."),
        h("h2", {}, "Notes"),
        person.notes ? h("p", { className: "notes", id: "person-notes-text" }, person.notes)
          : h("p", { className: "empty-line" }, "No notes yet.")),
      h("section", { className: "card" },
        h("div", { className: "section-header" },
          h("h2", {}, "Interviews"),
          h("button", { className: "primary", id: "new-interview", onclick: startInterview }, "Start an interview")),
        person.interviews.length
          ? h("ul", { className: "list", id: "person-interviews" }, person.interviews.map(interviewItem))
          : h("div", { id: "person-interviews" },
            h("p", { className: "empty-line" },
              "No interview yet. Start one to track your request, the meeting and your thank-you note."))),
      contactsCard(id, contacts)));
}
