// Today: what is due, which interviews are coming, and for a newcomer, where to start.

import * as api from "../api.js";
import { formatDateTime, h, relative, toast, withName } from "../dom.js";
import { navigate, refresh } from "../router.js";
import { askTodayData, takeTodayData } from "../early.js";

function welcome() {
  const add = async () => {
    const { openPersonForm } = await import("./person-form.js");
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

const SNOOZES = [
  ["one_hour", "1 hour"],
  ["tomorrow_morning", "Tomorrow 09:00"],
  ["next_monday", "Next Monday 09:00"],
];

/** Where "Open" goes for a reminder: its interview, or its person. */
function reminderTarget(reminder) {
  if (reminder.interview_id) return `#/interviews/${reminder.interview_id}`;
  if (reminder.person_id) return `#/people/${reminder.person_id}`;
  return null;
}

function snoozeMenu(reminder, rerender) {
  const select = h("select", {
    className: "snooze", "aria-label": `Snooze: ${reminder.text}`,
    onchange: async () => {
      const choice = select.value;
      if (!choice) return;
      try {
        await api.snoozeReminder(reminder.id, choice);
        toast(`Snoozed until ${SNOOZES.find(([key]) => key === choice)[1].toLowerCase()}`);
        rerender();
      } catch (error) {
        toast(error.message, "error");
        select.value = "";
      }
    },
  },
  h("option", { value: "" }, "Snooze…"),
  SNOOZES.map(([key, label]) => h("option", { value: key }, label)));
  return select;
}

function reminderRow(reminder, rerender) {
  const due = reminder.snoozed_until ?? reminder.due_at;
  const classes = ["row", "reminder-row"];
  if (reminder.overdue) classes.push("overdue");
  if (reminder.urgent) classes.push("urgent");
  const target = reminderTarget(reminder);
  return h("li", { className: classes.join(" "), "data-id": reminder.id, "data-kind": reminder.kind, tabIndex: -1 },
    h("div", { className: "row-main" },
      h("span", { className: "row-title" }, withName(reminder.text, reminder.person_name)),
      reminder.detail ? h("span", { className: "row-detail" }, reminder.detail) : null,
      h("span", { className: "row-sub" },
        reminder.overdue ? h("strong", { className: "overdue-label" }, "Overdue · ") : null,
        `Due ${relative(due)} · ${formatDateTime(due)}`)),
    h("div", { className: "row-actions" },
      target ? h("a", { className: "button secondary reminder-open", href: target }, "Open") : null,
      snoozeMenu(reminder, rerender),
      h("button", {
        className: "primary reminder-done",
        onclick: async () => {
          try {
            const { confirmMarkersLeft } = await import("./draft-parts.js");
            if (!(await confirmMarkersLeft(await api.messageGaps(reminder.id)))) return;
            await api.completeReminder(reminder.id);
            toast(reminder.done_label === "Mark sent" ? "Marked sent" : "Marked done");
            rerender();
          } catch (error) {
            toast(error.message, "error");
          }
        },
      }, reminder.done_label)));
}

function reminderList(reminders, rerender) {
  if (reminders.length === 0) {
    return h("p", { className: "empty-line" },
      "Nothing is due. Thank-you notes and follow-ups will show up here when it is time.");
  }
  return h("ul", { className: "list" }, reminders.map((reminder) => reminderRow(reminder, rerender)));
}

function upcomingList(reminders) {
  if (reminders.length === 0) return null;
  return h("section", { className: "section" },
    h("h2", {}, "Coming up"),
    h("ul", { className: "list", id: "today-upcoming" }, reminders.map((reminder) =>
      h("li", { className: "row upcoming-row", "data-id": reminder.id },
        h("div", { className: "row-main" },
          h("span", { className: "row-title" }, withName(reminder.text, reminder.person_name)),
          h("span", { className: "row-sub" }, formatDateTime(reminder.snoozed_until ?? reminder.due_at)))))));
}

function notificationBanner(problem) {
  if (!problem) return null;
  return h("div", { className: "banner", id: "notifications-banner", role: "status" },
    h("strong", {}, "Desktop notifications are not working. "),
    "Coffee Chat shows your reminders here instead. ",
    h("span", { className: "muted" }, `(${problem})`));
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
        h("a", { className: "row-title", href: `#/interviews/${card.id}`, dir: "auto" }, card.person_name),
        h("span", { className: "row-sub" },
          [card.organisation, formatDateTime(card.scheduled_at), `${card.planned_minutes} min`]
            .filter(Boolean).join(" · "))),
      h("span", { className: past ? "badge warn" : "badge" },
        past ? "Over — mark it done" : relative(card.scheduled_at)));
  }));
}

/** "today at 10:00", "tomorrow at 10:00" or "Tue 31 Mar, 10:00", in the user's zone. */
function whenSoon(iso) {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  const day = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(at) - day(new Date())) / 86400000);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return formatDateTime(iso);
}

function prepWarnings(warnings) {
  if (warnings.length === 0) return null;
  return h("section", { className: "section" },
    h("h2", {}, "Not ready yet"),
    h("ul", { className: "list", id: "today-prep-warnings" }, warnings.map((warning) =>
      h("li", { className: "row attention prep-warning", "data-id": warning.id },
        h("div", { className: "row-main" },
          h("span", { className: "row-title" },
            "Interview with ", h("bdi", {}, warning.person_name), ` ${whenSoon(warning.starts_at)} is not ready`),
          h("ul", { className: "missing-list" }, warning.missing.map((m) => h("li", {}, m)))),
        h("a", { className: "button primary prep-open", href: `#/interviews/${warning.id}` }, "Prepare")))));
}

/** The reminder to bring into view once the page is shown (from the tray or a notification). */
let highlight = null;

/** Shows Today with reminder `id` in view and focused (0 or null: just Today). */
export function showReminder(id) {
  highlight = id || null;
  navigate("#/today");
}

export async function render(el) {
  const asked = takeTodayData();
  const [data, upcoming, status] = await (asked ? asked.catch(askTodayData) : askTodayData());
  const rerender = () => refresh({ keepFocus: true });
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
      notificationBanner(status.notifications_problem),
      prepWarnings(data.prep_warnings),
      h("section", { className: "section" },
        h("h2", {}, "Due now", data.reminders.length ? h("span", { className: "count" }, String(data.reminders.length)) : null),
        h("div", { id: "today-reminders" }, reminderList(data.reminders, rerender))),
      h("section", { className: "section" },
        h("h2", {}, "Scheduled interviews"),
        h("div", { id: "today-scheduled" }, scheduledList(data.scheduled))),
      upcomingList(upcoming)));
  if (highlight) {
    const row = el.querySelector(`.reminder-row[data-id="${highlight}"]`);
    highlight = null;
    if (row) {
      row.classList.add("highlight");
      // After the router has put the page in place and focused the heading.
      requestAnimationFrame(() => {
        row.scrollIntoView({ block: "center" });
        row.focus();
      });
    }
  }
}
