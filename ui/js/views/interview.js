// An interview: its stage in the method, the request, the meeting, the questions and notes.

import * as api from "../api.js";
import { autosave, sharedStatus } from "../autosave.js";
import { clearErrors, confirmAction, formValues, formatDateTime, h, showError, toast } from "../dom.js";
import { navigate, refresh } from "../router.js";
import { CLOSED, MAIN_LINE, isFirst, isLast, nextStep, stageLabel } from "../stages.js";
import { afterCard, followUpCard, thankYouCard } from "./interview-after.js";
import { prepCard, questionsCard } from "./interview-prep.js";
import { requestCard } from "./interview-request.js";

/** The stages in which the interview has happened: the page leads with what comes after. */
const MET = ["done", "thanked", "followed_up"];

const MEDIA = ["", "Video call", "Phone", "In person", "Coffee"];

function field(name, label, control, hint) {
  control.id = `interview-${name}`;
  control.name = name;
  return h("div", { className: "field" },
    h("label", { for: control.id }, label),
    control,
    hint ? h("p", { className: "hint" }, hint) : null,
    h("p", { className: "field-error", "data-for": name }));
}

function stepper(stage) {
  const current = MAIN_LINE.indexOf(stage);
  return h("ol", { className: "stepper", "aria-label": "Stages of the method" },
    MAIN_LINE.map((code, i) => h("li", {
      className: i < current ? "past" : i === current ? "current" : "",
      "aria-current": i === current ? "step" : null,
    }, stageLabel(code))));
}

function interviewForm(interview) {
  const medium = h("select", {}, MEDIA.map((m) => h("option", { value: m }, m || "Not decided")));
  if (interview.medium && !MEDIA.includes(interview.medium)) {
    medium.append(h("option", { value: interview.medium }, interview.medium));
  }
  medium.value = interview.medium;
  const form = h("form", { id: "interview-form", className: "card", noValidate: true },
    h("h2", {}, "Details"),
    h("div", { className: "grid-2" },
      field("request_date", "Asked on", h("input", { type: "date", value: interview.request_date ?? "" })),
      field("field", "Field", h("input", { value: interview.field, autocomplete: "off" }), "What you want to learn about.")),
    h("h2", {}, "Meeting"),
    h("div", { className: "grid-2" },
      field("scheduled_local", "Date and time", h("input", { type: "datetime-local", value: interview.scheduled_local ?? "" })),
      field("medium", "How", medium),
      field("place", "Where, or the call link", h("input", { value: interview.place, autocomplete: "off" })),
      field("planned_minutes", "Planned length (minutes)",
        h("input", { type: "number", min: 5, max: 240, step: 5, value: interview.planned_minutes }),
        "Ask for 20 minutes. If they give you 45, they like you."),
      field("actual_minutes", "Real length (minutes)",
        h("input", { type: "number", min: 1, max: 600, value: interview.actual_minutes ?? "" }))),
    h("h2", {}, "Notes"),
    field("notes", "What you heard, what to remember", h("textarea", { rows: 6, value: interview.notes })),
    h("div", { className: "actions" },
      h("span", { id: "interview-status", className: "save-status", role: "status" }),
      h("button", { type: "submit", className: "primary", id: "interview-save" }, "Save")));
  return form;
}

function readForm(form) {
  const v = formValues(form);
  return {
    field: v.field,
    request_date: v.request_date || null,
    request_message: v.request_message,
    scheduled_local: v.scheduled_local || null,
    medium: v.medium,
    place: v.place,
    planned_minutes: v.planned_minutes === "" ? 0 : Number(v.planned_minutes),
    actual_minutes: v.actual_minutes === "" ? null : Number(v.actual_minutes),
    notes: v.notes,
  };
}

/**
 * After the interview: each prepared question with what they said, as typed in live mode, to
 * read again and to complete. Each answer saves itself (autosave.js), one at a time.
 */
function answersCard(interview) {
  const status = h("span", { id: "answers-status", className: "save-status", role: "status" });
  const shared = sharedStatus(status);
  const rows = interview.questions.map((q) => {
    const asked = h("input", { type: "checkbox", id: `asked-${q.id}`, className: "asked", checked: q.asked });
    const answer = h("textarea", {
      id: `answer-${q.id}`, className: "answer", name: "answer", rows: 3, value: q.answer,
      placeholder: "What they said…",
    });
    const row = h("li", { className: "answer-row", "data-id": q.id },
      h("div", { className: "answer-question" },
        asked,
        h("label", { for: `asked-${q.id}` }, q.text)),
      h("label", { className: "visually-hidden", for: `answer-${q.id}` }, `Their answer to: ${q.text}`),
      answer,
      h("p", { className: "field-error", "data-for": "answer" }));
    const editor = autosave({
      name: `answer-${q.id}`,
      label: `Answer to "${q.text}"`,
      save: () => api.answerQuestion(q.id, asked.checked, answer.value),
      status: shared(`answer-${q.id}`),
      scope: row,
      input: answer,
    });
    answer.addEventListener("input", () => {
      // An answer written down means the question came up.
      if (answer.value.trim() && !asked.checked) asked.checked = true;
      editor.changed();
    });
    asked.addEventListener("change", editor.changed);
    return row;
  });
  return h("section", { className: "card", id: "answers-card" },
    h("div", { className: "card-title" }, h("h2", {}, "What they said"), status),
    rows.length
      ? h("ol", { className: "answers", id: "answers" }, rows)
      : h("p", { className: "empty-line", id: "answers" }, "No questions were prepared for this interview."));
}

/**
 * Live mode's entry: once the interview is scheduled (the conversation is agreed, and Today
 * reminds the user to prepare), until it has happened; and back to it while its timer runs.
 * Before that there is no conversation to hold: a call that comes early is given its date and
 * marked scheduled first, which also records their reply.
 */
function liveButton(interview) {
  const { live } = interview;
  if (live.ended || CLOSED.includes(interview.stage)) return null;
  if (!live.started && interview.stage !== "scheduled") return null;
  return h("a", { className: "button primary", id: "start-live", href: `#/interviews/${interview.id}/live` },
    live.started ? "Back to live mode" : "Start live mode");
}

export async function render(el, id) {
  const [interview, bank] = await Promise.all([api.getInterview(id), api.questionBank()]);
  const met = MET.includes(interview.stage);
  const tipsDone = interview.tips.length > 0 && interview.tips.every((tip) => tip.done_at);
  const [requestDraft, thankYouDraft, followUpDraft] = await Promise.all([
    api.getDraft(id, "request"),
    met ? api.getDraft(id, "thank_you") : null,
    met && tipsDone ? api.getDraft(id, "follow_up") : null,
  ]);
  const form = interviewForm(interview);
  // The request message is edited in the Request card but saved with the form.
  const message = h("textarea", {
    id: "interview-request_message", name: "request_message", rows: 9,
    value: interview.request_message || requestDraft.body,
  });
  message.setAttribute("form", "interview-form");
  // Changes save themselves a moment after the user stops typing, and before the page or the
  // window goes; Save does it now.
  const editor = autosave({
    name: `interview-${id}`,
    label: "The interview's details and notes",
    save: () => api.updateInterview(id, readForm(form)),
    status: form.querySelector("#interview-status"),
    scope: form,
    input: message,
  });
  form.addEventListener("input", editor.changed);
  message.addEventListener("input", editor.changed);
  const reload = () => refresh({ keepFocus: true });
  const prep = met ? null : prepCard(interview);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (await editor.flush()) {
      toast("Saved");
      refresh({ keepFocus: true });
    } else {
      form.querySelector("[aria-invalid]")?.focus();
    }
  });

  const moveTo = async (call) => {
    if (!(await editor.flush())) return;
    clearErrors(form);
    try {
      await call();
      await refresh({ keepFocus: true });
      document.getElementById("interview-stage")?.focus();
    } catch (error) {
      showError(form, error);
    }
  };
  const stage = interview.stage;
  const main = MAIN_LINE.indexOf(stage);
  const forwardTo = main < 0 ? "interview_requested" : MAIN_LINE[main + 1];
  const backTo = main < 0 ? "identified" : MAIN_LINE[main - 1];
  const closeAs = h("select", {
    id: "stage-set",
    "aria-label": "Close this interview as",
    onchange: () => closeAs.value && moveTo(() => api.setInterviewStage(id, closeAs.value)),
  }, h("option", { value: "" }, "Close as…"), CLOSED.filter((c) => c !== stage).map((c) => h("option", { value: c }, stageLabel(c))));

  const remove = async () => {
    if (!(await confirmAction("Delete this interview?", "It goes to the trash; you can restore it from Settings for 30 days."))) return;
    try {
      await api.deleteInterview(id);
      toast("Interview moved to the trash");
      navigate(`#/people/${interview.person_id}`);
    } catch (error) {
      toast(error.message, "error");
    }
  };

  el.append(
    h("nav", { className: "crumbs", "aria-label": "Breadcrumb" },
      h("a", { href: `#/people/${interview.person_id}` }, "← ", h("bdi", {}, interview.person_name))),
    h("header", { className: "page-header" },
      h("div", {},
        h("h1", {}, "Interview with ", h("bdi", { id: "interview-person" }, interview.person_name)),
        interview.organisation ? h("p", { className: "muted" }, interview.organisation) : null),
      h("div", { className: "header-actions" },
        liveButton(interview),
        interview.scheduled_at ? h("button", {
          className: "secondary", id: "add-to-calendar",
          title: "Opens this interview in your calendar app",
          onclick: async () => {
            try {
              await api.addToCalendar(id);
              toast("Handed to your calendar app");
            } catch (error) {
              toast(error.message, "error");
            }
          },
        }, "Add to calendar") : null,
        h("button", { className: "secondary danger-text", id: "delete-interview", onclick: remove }, "Delete"))),
    h("div", { id: "interview-page" },
      h("section", { className: "card stage-card" },
        h("div", { className: "stage-line" },
          h("div", {},
            h("p", { className: "eyebrow" }, "Stage"),
            h("p", { id: "interview-stage", className: `stage-name stage-${stage}`, "data-stage": stage, tabIndex: -1 }, stageLabel(stage))),
          h("div", { className: "stage-buttons" },
            h("button", { className: "secondary", id: "stage-back", disabled: isFirst(stage),
              onclick: () => moveTo(() => api.moveInterview(id, "back")) }, backTo ? `← ${stageLabel(backTo)}` : "← Back"),
            h("button", { className: "primary", id: "stage-forward", disabled: isLast(stage),
              onclick: () => moveTo(() => api.moveInterview(id, "forward")) }, forwardTo ? `${stageLabel(forwardTo)} →` : "Forward →"),
            closeAs)),
        main >= 0 ? stepper(stage) : null,
        h("p", { className: "next-step" }, nextStep(stage)),
        stage === "interview_requested" && !interview.reply_date
          ? h("p", { className: "reply-line" },
            "Did they answer? ",
            h("button", {
              className: "secondary", id: "record-reply",
              onclick: () => moveTo(async () => {
                await api.recordReply(id, null);
                toast("Reply noted: no more nudges about this request");
              }),
            }, "They replied"))
          : null),
      h("div", { className: "columns" },
        h("div", {},
          met ? afterCard(interview, reload) : null,
          requestCard(interview, requestDraft, {
            textarea: message,
            beforeSend: () => editor.flush(),
            reload,
          }),
          form),
        h("div", {},
          met ? thankYouCard(interview, thankYouDraft, reload) : null,
          followUpDraft ? followUpCard(interview, followUpDraft, reload) : null,
          prep?.card,
          // Once it happened, the questions are there with their answers, not to prepare.
          met || interview.live.ended ? answersCard(interview) : questionsCard(interview, bank, reload),
          h("section", { className: "card" },
            h("h2", {}, "History"),
            h("ol", { className: "history" }, interview.history.map((event) =>
              h("li", {}, h("span", {}, stageLabel(event.stage)), h("time", {}, formatDateTime(event.at))))))))));
}
