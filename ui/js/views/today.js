// Today: what is due, which interviews are coming, and for a newcomer, where to start.

import * as api from "../api.js";
import { formatDateTime, h, relative, toast } from "../dom.js";
import { navigate } from "../router.js";
import { openPersonForm } from "./person-form.js";

function welcome() {
  const add = async () => {
    const id = await openPersonForm();
    if (id) navigate(`#/people/${id}`);
  };
  return h("section", { id: "today-welcome", className: "card welcome" },
    h("h2", {}, "Welcome! Learn a new field one conversation at a time"),
    h("p", {}, "An informational interview is a short talk with someone who works where you would like to work. "
      + "You are not asking for a job — only for their insight. Coffee Chat walks you through it:"),
    h("ol", { className: "steps" },
      h("li", {}, h("strong", {}, "Add a person"), " you would like to learn from."),
      h("li", {}, h("strong", {}, "Connect"), ", then ask for 15–20 minutes of their time."),
      h("li", {}, h("strong", {}, "Meet"), " with your questions ready, and listen."),
      h("li", {}, h("strong", {}, "Thank them"), " within a day, and follow up on their tips.")),
    h("button", { className: "primary", id: "welcome-add-person", onclick: add }, "Add your first person"));
}

function reminderList(reminders, rerender) {
  if (reminders.length === 0) {
    return h("p", { className: "empty-line" },
      "Nothing is due. Thank-you notes and follow-ups will show up here when it is time.");
  }
  return h("ul", { className: "list" }, reminders.map((reminder) =>
    h("li", { className: "row reminder-row", "data-id": reminder.id },
      h("div", { className: "row-main" },
        h("span", { className: "row-title" }, reminder.text),
        h("span", { className: "row-sub" }, `Due ${relative(reminder.snoozed_until ?? reminder.due_at)}`)),
      reminder.interview_id
        ? h("a", { className: "button secondary", href: `#/interviews/${reminder.interview_id}` }, "Open")
        : null,
      h("button", {
        className: "secondary reminder-done",
        onclick: async () => {
          try {
            await api.completeReminder(reminder.id);
            toast("Marked done");
            rerender();
          } catch (error) {
            toast(error.message, "error");
          }
        },
      }, "Done"))));
}

function scheduledList(cards) {
  if (cards.length === 0) {
    return h("p", { className: "empty-line" },
      "No interview is scheduled. When someone agrees to talk, set the time on the interview page.");
  }
  const now = Date.now();
  return h("ul", { className: "list" }, cards.map((card) => {
    const end = new Date(card.scheduled_at).getTime() + card.planned_minutes * 60000;
    const past = end < now;
    return h("li", { className: `row${past ? " attention" : ""}` },
      h("div", { className: "row-main" },
        h("a", { className: "row-title", href: `#/interviews/${card.id}` }, card.person_name),
        h("span", { className: "row-sub" },
          [card.organisation, formatDateTime(card.scheduled_at), `${card.planned_minutes} min`]
            .filter(Boolean).join(" · "))),
      h("span", { className: past ? "badge warn" : "badge" },
        past ? "Over — mark it done" : relative(card.scheduled_at)));
  }));
}

export async function render(el) {
  const data = await api.today();
  const rerender = () => navigate("#/today");
  const heading = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" })
    .format(new Date());
  el.append(
    h("header", { className: "page-header" },
      h("div", {}, h("h1", {}, "Today"), h("p", { className: "muted" }, heading))),
    h("div", { id: "today-page" },
      data.people_count === 0 ? welcome() : null,
      data.people_count > 0 && data.interview_count === 0
        ? h("p", { className: "card hint-card" },
          "Next step: open a person on the ", h("a", { href: "#/people" }, "People"),
          " page and choose “Start an interview”.")
        : null,
      h("section", { className: "section" },
        h("h2", {}, "Due now"),
        h("div", { id: "today-reminders" }, reminderList(data.reminders, rerender))),
      h("section", { className: "section" },
        h("h2", {}, "Scheduled interviews"),
        h("div", { id: "today-scheduled" }, scheduledList(data.scheduled)))));
}
