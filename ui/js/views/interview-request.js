// The interview page's Request card: the request drafted from the template, checked against the
// rules of a good networking message as the user types, copied or opened in the mail client,
// and marked sent (which records the date and moves the stage).

import * as api from "../api.js";
import { copyText, debounce, describeMissing, formatDate, h, toast } from "../dom.js";

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
  const subject = h("input", { id: "request-subject", value: draft.subject, autocomplete: "off" });
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
    if (!(await beforeSend())) return;
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
  const missing = draft.missing.length
    ? h("p", { className: "hint missing", id: "request-missing" },
      "Not filled in yet: ", describeMissing(draft.missing),
      ". Add them to the person, or your name and background in ", h("a", { href: "#/settings" }, "Settings"), ".")
    : null;

  return h("section", { className: "card", id: "request-card", "aria-labelledby": "request-title" },
    h("h2", { id: "request-title" }, "Request"),
    h("p", { className: "hint" }, "Ask for 15–20 minutes of advice — not for a job. Name who connects you first."),
    h("div", { className: "field" },
      h("label", { for: "request-subject" }, "Subject"),
      subject),
    h("div", { className: "field" },
      h("label", { for: textarea.id }, "Message"),
      textarea,
      h("p", { className: "field-error", "data-for": "request_message" })),
    missing,
    checkBox,
    sentLine,
    h("div", { className: "actions" },
      h("button", { type: "button", className: "secondary", id: "request-copy", onclick: copy }, "Copy"),
      h("button", { type: "button", className: "secondary", id: "request-open", onclick: open }, "Open in mail app"),
      h("button", { type: "button", className: "primary", id: "request-sent", onclick: markSent },
        interview.request_date ? "Mark sent again" : "Mark request sent")));
}
