// The interview page after the meeting: the business card into the person, whether they asked
// for the resume, tagged insights, tips that become follow-ups, referrals that become people,
// and the thank-you and follow-up notes opened in the mail client and marked sent.

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { action, clearErrors, confirmAction, copyText, formValues, formatDateTime, h, showError, toast } from "../dom.js";
import { aboutYouPrompt, confirmSentWithGaps, missingIn, missingLine } from "./draft-parts.js";

export const INSIGHT_CATEGORIES = [
  ["qualification", "Qualification"],
  ["position_in_demand", "Position in demand"],
  ["advice", "Advice"],
  ["person_to_meet", "Person to meet"],
];
const insightLabel = (code) => INSIGHT_CATEGORIES.find(([c]) => c === code)?.[1] ?? code;


function field(prefix, name, label, props = {}) {
  const id = `${prefix}-${name}`;
  return h("div", { className: "field" },
    h("label", { for: id }, label),
    h(props.tag ?? "input", { id, name, autocomplete: "off", ...props, tag: undefined }),
    h("p", { className: "field-error", "data-for": name }));
}

function cardForm(interview, reload) {
  const status = h("span", { className: "save-status", id: "card-status", role: "status" });
  const form = h("form", {
    id: "card-form", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      editor.changed();
      if (await editor.flush()) {
        toast(`Saved to ${interview.person_name}`);
        reload();
      } else {
        form.querySelector("[aria-invalid]")?.focus();
      }
    },
  },
  h("div", { className: "grid-2" },
    field("card", "title", "Job title"),
    field("card", "organisation", "Organisation"),
    field("card", "email", "E-mail", { type: "email" }),
    field("card", "phone", "Phone", { type: "tel" }),
    h("div", { className: "wide" }, field("card", "linkedin_url", "LinkedIn address", { type: "url" }))),
  h("div", { className: "actions" },
    interview.card_captured ? h("span", { className: "save-status", id: "card-captured" }, "✓ Card saved to the person") : null,
    status,
    h("button", { type: "submit", className: "secondary", id: "card-save" }, `Save to ${interview.person_name}`)));
  // What is typed is copied into the person a moment later, like every editor.
  const editor = autosave({
    name: `card-${interview.id}`,
    label: "Business card",
    save: () => api.captureCard(interview.id, formValues(form)),
    status,
    scope: form,
  });
  form.addEventListener("input", editor.changed);
  return form;
}

function resumeBlock(interview) {
  const status = h("span", { className: "save-status", id: "resume-status", role: "status" });
  const choice = (value, label) => h("label", { className: "radio" },
    h("input", { type: "radio", name: "resume_asked", value, checked: String(interview.resume_asked) === value }),
    label);
  const form = h("form", { id: "resume-form", noValidate: true, onsubmit: (e) => e.preventDefault() },
    h("fieldset", {},
      h("legend", {}, "Did they ask for your resume?"),
      h("div", { className: "radios" }, choice("true", "Yes"), choice("false", "No"), choice("null", "Not known"))),
    field("resume", "resume_version", "Version you brought", { value: interview.prep.resume_version }));
  const editor = autosave({
    name: `resume-${interview.id}`,
    label: "Resume",
    save: () => {
      const value = form.elements.resume_asked.value;
      const asked = value === "" || value === "null" ? null : value === "true";
      return api.setResumeAsked(interview.id, asked, form.elements.resume_version.value);
    },
    status,
    scope: form,
  });
  form.addEventListener("input", editor.changed);
  return h("div", {}, form, status);
}

function insightsBlock(interview, reload) {
  const act = (call) => action(call, () => reload());
  const firstId = interview.insights[0]?.id;
  const mentioned = (insight) => interview.insight_to_mention
    ? interview.insight_to_mention === insight.text
    : insight.id === firstId;
  const list = interview.insights.length
    ? h("ul", { className: "item-list", id: "insights" }, interview.insights.map((insight) =>
      h("li", { className: "item-row insight", "data-id": insight.id, "data-category": insight.category },
        h("span", { className: "badge" }, insightLabel(insight.category)),
        h("span", { className: "item-text" }, insight.text),
        h("button", {
          type: "button", className: `chip${mentioned(insight) ? " on" : ""}`, "aria-pressed": String(mentioned(insight)),
          onclick: act(() => api.chooseInsightToMention(interview.id, insight.text)),
        }, mentioned(insight) ? "Mentioned in the thank-you" : "Mention in the thank-you"),
        h("button", { type: "button", className: "icon", "aria-label": `Remove: ${insight.text}`,
          onclick: act(() => api.removeInsight(insight.id)) }, "✕"))))
    : h("p", { className: "empty-line", id: "insights" }, "What did you learn? Note qualifications, positions in demand, advice and people to meet.");
  const category = h("select", { id: "insight-category", name: "category", "aria-label": "Kind of insight" },
    INSIGHT_CATEGORIES.map(([code, label]) => h("option", { value: code }, label)));
  const text = h("input", { id: "insight-text", name: "insight", autocomplete: "off", placeholder: "e.g. a UX certificate matters less than a portfolio" });
  const form = h("form", {
    className: "inline-add", id: "insight-form", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(form);
      try {
        await api.addInsight(interview.id, category.value, text.value);
        reload();
      } catch (error) {
        showError(form, error);
      }
    },
  },
  category,
  h("label", { className: "visually-hidden", for: "insight-text" }, "Insight"), text,
  h("button", { type: "submit", className: "secondary", id: "insight-add" }, "Add"),
  h("p", { className: "field-error wide", "data-for": "insight" }));
  return h("div", {}, list, form);
}

function tipsBlock(interview, reload) {
  const list = interview.tips.length
    ? h("ul", { className: "item-list", id: "tips" }, interview.tips.map((tip) =>
      h("li", { className: `item-row tip${tip.done_at ? " done" : ""}`, "data-id": tip.id, "data-done": String(Boolean(tip.done_at)) },
        h("span", { className: "item-text" }, tip.text,
          h("span", { className: "row-sub block" },
            tip.done_at ? `Followed up ${formatDateTime(tip.done_at)}` : (tip.follow_up_at ?? tip.due_at) ? `Follow up by ${formatDateTime(tip.follow_up_at ?? tip.due_at)}` : "")),
        tip.done_at ? h("span", { className: "badge" }, "Done") : h("button", {
          type: "button", className: "secondary tip-done",
          onclick: async () => {
            try {
              await api.completeTip(tip.id);
              toast("Tip followed up");
              reload();
            } catch (error) {
              toast(error.message, "error");
            }
          },
        }, "Done"))))
    : h("p", { className: "empty-line", id: "tips" }, "Each tip becomes a follow-up with a reminder (14 days unless you set a date).");
  const form = h("form", {
    className: "tip-form", id: "tip-form", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(form);
      const v = formValues(form);
      try {
        await api.addTip(interview.id, v.tip, v.tip_due || null);
        reload();
      } catch (error) {
        showError(form, error);
      }
    },
  },
  h("label", { className: "visually-hidden", for: "tip-text" }, "Tip"),
  h("input", { id: "tip-text", name: "tip", autocomplete: "off", placeholder: "A tip to follow up, e.g. read “Just Enough Research”" }),
  h("p", { className: "field-error", "data-for": "tip" }),
  h("div", { className: "tip-due-line" },
    h("label", { for: "tip-due" }, "Follow up by (optional)"),
    h("input", { id: "tip-due", name: "tip_due", type: "datetime-local" }),
    h("button", { type: "submit", className: "secondary", id: "tip-add" }, "Add tip")),
  h("p", { className: "field-error", "data-for": "tip_due" }));
  return h("div", {}, list, form);
}

function referralBlock(interview) {
  const item = (id, name, organisation) => h("li", { className: "item-row" },
    h("a", { href: `#/people/${id}`, className: "referral-link" }, name),
    organisation ? h("span", { className: "row-sub" }, ` · ${organisation}`) : null);
  const list = h("ul", { className: "item-list", id: "referrals" },
    interview.referrals.map((person) => item(person.id, person.name, person.organisation)));
  const form = h("form", {
    id: "referral-form", noValidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(form);
      const v = formValues(form);
      try {
        const id = await api.addReferral(interview.id, { name: v.name, organisation: v.organisation, note: v.notes });
        list.append(item(id, v.name.trim(), v.organisation.trim()));
        form.reset();
        toast(`${v.name.trim()} added, referred by ${interview.person_name}`);
      } catch (error) {
        showError(form, error);
      }
    },
  },
  h("div", { className: "grid-2" },
    field("referral", "name", "Name"),
    field("referral", "organisation", "Organisation"),
    h("div", { className: "wide" }, field("referral", "notes", "Note", { placeholder: "e.g. runs the research team; mention Dana" }))),
  h("div", { className: "actions" }, h("button", { type: "submit", className: "secondary", id: "referral-add" }, "Add person")));
  return h("div", {}, list, form);
}

export function afterCard(interview, reload) {
  return h("section", { className: "card", id: "after-card", "aria-labelledby": "after-title" },
    h("h2", { id: "after-title" }, "After the interview"),
    h("p", { className: "after-summary" },
      interview.actual_minutes ? h("span", { id: "actual-length" }, `It ran ${interview.actual_minutes} min (${interview.planned_minutes} planned).`) : null,
      interview.person_warm ? h("span", { className: "badge warm", id: "interview-warm" }, "Warm contact") : null),
    h("h3", {}, "Business card"),
    h("p", { className: "hint" }, `Copy their card into ${interview.person_name}'s details. Empty fields keep what you have.`),
    cardForm(interview, reload),
    h("h3", {}, "Resume"),
    resumeBlock(interview),
    h("h3", {}, "What you learnt"),
    insightsBlock(interview, reload),
    h("h3", {}, "Their tips"),
    tipsBlock(interview, reload),
    h("h3", {}, "People they suggested"),
    h("p", { className: "hint" }, "Each becomes a new person, referred by " + interview.person_name + "."),
    referralBlock(interview));
}

/**
 * A note drafted from a template, edited here (the edit is kept with the interview), then opened
 * in the mail app or copied, and marked sent. A note that still holds a marker such as
 * "[your name]" asks before it is marked sent.
 */
function noteCard({ id, kind, interview, title, hint, draft, sentAt, sentText, markSent, reload }) {
  const subject = h("input", { id: `${id}-subject`, name: `${kind}_subject`, value: draft.subject, autocomplete: "off" });
  const body = h("textarea", { id: `${id}-body`, name: `${kind}_message`, className: "draft-body", rows: 10, value: draft.body });
  const status = h("span", { className: "save-status", id: `${id}-status`, role: "status" });
  const missing = missingLine(`${id}-missing`);
  const showMissing = () => missing.update(missingIn(draft, subject.value, body.value));
  showMissing();
  const fields = h("div", { className: "note-fields" },
    h("p", { className: "draft-to" }, "To: ", draft.to || "(no e-mail address yet: your mail app will ask)"),
    h("div", { className: "field" },
      h("label", { for: subject.id }, "Subject"),
      subject,
      h("p", { className: "field-error", "data-for": subject.name })),
    h("div", { className: "field" },
      h("label", { for: body.id }, "Message"),
      body,
      h("p", { className: "field-error", "data-for": body.name })));
  const editor = autosave({
    name: `${id}-${interview.id}`,
    label: title,
    save: () => api.saveMessage(interview.id, kind, { subject: subject.value, body: body.value }),
    status,
    scope: fields,
    input: body,
  });
  for (const field of [subject, body]) {
    field.addEventListener("input", () => {
      editor.changed();
      showMissing();
    });
  }
  const open = async () => {
    if (!(await editor.flush())) return;
    try {
      await api.openUrl(await api.mailtoUrl(draft.to, subject.value, body.value));
      toast("Opened in your mail app");
    } catch (error) {
      toast(error?.message ?? String(error), "error");
    }
  };
  const copy = async () => {
    try {
      await copyText(`${subject.value}\n\n${body.value}`);
      toast("Note copied");
    } catch (error) {
      toast(error.message, "error");
    }
  };
  const startAgain = async () => {
    if (!(await confirmAction("Draft it again?", "Your changes to this note are replaced by the template, filled in afresh.", "Draft again", "Keep mine"))) return;
    editor.dispose();
    try {
      await api.saveMessage(interview.id, kind, { subject: "", body: "" });
      reload();
    } catch (error) {
      toast(error.message, "error");
    }
  };
  const send = async () => {
    if (!(await confirmSentWithGaps(draft, subject.value, body.value))) return;
    if (!(await editor.flush())) return;
    await markSent();
  };
  return h("section", { className: "card note-card", id, "aria-labelledby": `${id}-title` },
    h("div", { className: "card-title" },
      h("h2", { id: `${id}-title` }, title),
      sentAt ? h("span", { className: "badge", id: `${id}-sent-on` }, `${sentText} ${formatDateTime(sentAt)}`) : null),
    h("p", { className: "hint" }, hint),
    draft.edited
      ? h("p", { className: "hint", id: `${id}-edited` }, "You edited this note, so it keeps your words. ",
        h("button", { type: "button", className: "link", id: `${id}-reset`, onclick: startAgain }, "Draft it again from the template"))
      : null,
    sentAt ? null : aboutYouPrompt(id, draft, reload),
    fields,
    missing,
    h("div", { className: "actions" },
      status,
      h("button", { type: "button", className: "secondary", id: `${id}-copy`, onclick: copy }, "Copy"),
      h("button", { type: "button", className: sentAt ? "secondary" : "primary", id: `${id}-open`, onclick: open }, "Open in mail app"),
      sentAt ? null : h("button", { type: "button", className: "primary", id: `${id}-sent`, onclick: send }, "Mark sent")));
}

export function thankYouCard(interview, draft, reload) {
  return noteCard({
    id: "thank-you",
    kind: "thank_you",
    interview,
    reload,
    title: "Thank-you note",
    hint: "Send it within a day. It mentions the insight you chose above.",
    draft,
    sentAt: interview.thank_you_sent_at,
    sentText: "Sent",
    markSent: async () => {
      try {
        await api.setInterviewStage(interview.id, "thanked");
        toast("Thank-you note marked sent");
        reload();
      } catch (error) {
        toast(error.message, "error");
      }
    },
  });
}

export function followUpCard(interview, draft, reload) {
  const sent = interview.stage === "followed_up";
  const sentAt = sent ? interview.history.filter((e) => e.stage === "followed_up").at(-1)?.at ?? interview.stage_changed_at : null;
  return noteCard({
    id: "follow-up",
    kind: "follow_up",
    interview,
    reload,
    title: "Follow-up note",
    hint: "You followed up on every tip: tell them what came of it.",
    draft,
    sentAt,
    sentText: "Sent",
    markSent: async () => {
      try {
        await api.setInterviewStage(interview.id, "followed_up");
        toast("Follow-up note marked sent");
        reload();
      } catch (error) {
        toast(error.message, "error");
      }
    },
  });
}
