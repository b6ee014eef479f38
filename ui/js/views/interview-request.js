// The interview page's Request card: the request drafted from the template, checked against the
// rules of a good networking message as the user types, copied or opened in the mail client,
// and marked sent (which records the date and moves the stage).

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { copyText, debounce, formatDate, h, toast } from "../dom.js";
import { aboutYouPrompt, confirmSentWithGaps, missingIn, missingLine } from "./draft-parts.js";

/** Words above this are too many; the checker says so too, this is for the counter line. */
const WORD_LIMIT = 75;

function wordLine(words) {
  return words <= WORD_LIMIT
    ? `${words} words — short enough`
    : `${words} words (aim for under ${WORD_LIMIT})`;
}

function renderCheck(box, check) {
  box.replaceChildren(
    h("p", { className: `word-count${check.words > WORD_LIMIT ? " miss" : ""}`, id: "request-words" }, wordLine(check.words)),
    h("ul", { className: "check-list" }, check.findings.map((finding) =>
      h("li", { className: `check-item ${finding.ok ? "ok" : "miss"}`, "data-rule": finding.rule, "data-ok": String(finding.ok) },
        h("span", { className: "check-mark", "aria-hidden": "true" }, finding.ok ? "✓" : "!"),
        h("span", { className: "visually-hidden" }, finding.ok ? "Kept: " : "To fix: "),
        h("span", {}, finding.message)))));
  box.dataset.ok = String(check.findings.every((f) => f.ok));
}

/**
 * The Request card. `textarea` is the interview form's request message field (it autosaves
 * with the form); `beforeSend` saves what is pending and resolves false if it cannot.
 */
/** How quickly they answered, after "The 2-Hour Job Search". */
const RESPONSIVENESS = {
  booster: "Booster: answered within 3 business days",
  late: "Answered, after more than 3 business days",
  waiting: "No answer yet",
  silent: "No answer in 7 business days",
};

export function requestCard(interview, draft, { textarea, beforeSend, reload }) {
  // The saved message, or the template's; markers such as [your name] filled in once known.
  textarea.value = draft.body;
  const subject = h("input", { id: "request-subject", name: "request_subject", value: draft.subject, autocomplete: "off" });
  const subjectStatus = h("span", { className: "save-status", id: "request-subject-status", role: "status" });
  const subjectField = h("div", { className: "field" },
    h("label", { for: "request-subject" }, "Subject"),
    subject,
    h("p", { className: "field-error", "data-for": "request_subject" }));
  // The subject is kept with the interview, like the message: "Mark request sent" re-renders
  // the page, which used to draft the subject afresh from the template.
  const subjectEditor = autosave({
    name: `request-subject-${interview.id}`,
    label: "The request's subject",
    save: () => api.saveMessage(interview.id, "request", { subject: subject.value }),
    status: subjectStatus,
    scope: subjectField,
    input: subject,
  });
  const missing = missingLine("request-missing", { settingsLink: true });
  const showMissing = () => missing.update(missingIn(draft, subject.value, textarea.value));
  showMissing();
  subject.addEventListener("input", () => {
    subjectEditor.changed();
    showMissing();
  });
  textarea.addEventListener("input", showMissing);
  const checkBox = h("div", { id: "request-check", className: "request-check", role: "status", "aria-live": "polite" });
  if (textarea.value === draft.body && draft.check) renderCheck(checkBox, draft.check);

  let latest = 0;
  const check = debounce(async () => {
    const ticket = ++latest;
    try {
      const result = await api.checkRequestText(interview.id, textarea.value);
      if (ticket === latest) renderCheck(checkBox, result);
    } catch (error) {
      toast(error.message, "error");
    }
  }, 300);
  textarea.addEventListener("input", () => check());
  if (!checkBox.firstChild) {
    check();
    check.flush();
  }

  const mailto = () => api.mailtoUrl(draft.to, subject.value, textarea.value);
  const copy = async () => {
    try {
      await copyText(textarea.value);
      toast("Message copied: paste it into LinkedIn or your e-mail");
    } catch (error) {
      toast(error.message, "error");
    }
  };
  const open = async () => {
    try {
      await api.openUrl(await mailto());
      toast("Opened in your mail app");
    } catch (error) {
      toast(error?.message ?? String(error), "error");
    }
  };
  const markSent = async () => {
    if (!(await confirmSentWithGaps(draft, subject.value, textarea.value))) return;
    if (!(await subjectEditor.flush()) || !(await beforeSend())) return;
    try {
      await api.recordRequestSent(interview.id, textarea.value);
      toast("Request recorded as sent today");
      reload();
    } catch (error) {
      toast(error.message, "error");
    }
  };

  const sentLine = interview.request_date
    ? h("p", { className: "sent-line", id: "request-sent-on" }, `Sent on ${formatDate(interview.request_date)}.`,
      interview.responsiveness
        ? h("span", { className: "badge", id: "request-responsiveness", "data-responsiveness": interview.responsiveness },
          RESPONSIVENESS[interview.responsiveness])
        : null)
    : null;

  return h("section", { className: "card", id: "request-card", "aria-labelledby": "request-title" },
    h("h2", { id: "request-title" }, "Request"),
    h("p", { className: "hint" }, "Ask for 15–20 minutes of advice — not for a job. Name who connects you first."),
    interview.request_date ? null : aboutYouPrompt("request", draft, reload),
    subjectField,
    h("div", { className: "field" },
      h("label", { for: textarea.id }, "Message"),
      textarea,
      h("p", { className: "field-error", "data-for": "request_message" })),
    missing,
    checkBox,
    sentLine,
    h("div", { className: "actions" },
      subjectStatus,
      h("button", { type: "button", className: "secondary", id: "request-copy", onclick: copy }, "Copy"),
      h("button", { type: "button", className: "secondary", id: "request-open", onclick: open }, "Open in mail app"),
      h("button", { type: "button", className: "primary", id: "request-sent", onclick: markSent },
        interview.request_date ? "Mark sent again" : "Mark request sent")));
}
