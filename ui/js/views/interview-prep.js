// The interview page's Preparation card (the method's checklist, saved as it is ticked) and the
// questions to ask (from the bank or their own, ordered with the arrow buttons or by dragging).

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { action, clearErrors, h, showError } from "../dom.js";

/** How the bank's categories read. A category of the user's own reads as written. */
export const CATEGORY_LABELS = {
  article: "The method's three",
  tiara_trends: "TIARA: Trends",
  tiara_insights: "TIARA: Insights",
  tiara_advice: "TIARA: Advice",
  tiara_resources: "TIARA: Resources",
  tiara_assignments: "TIARA: Assignments",
  own: "Your own",
};
export const categoryLabel = (category) => CATEGORY_LABELS[category] ?? category;

function readinessBlock(readiness) {
  if (readiness.ready) {
    return h("p", { id: "prep-readiness", className: "readiness ready", "data-ready": "true" },
      h("span", { "aria-hidden": "true" }, "✓ "), "Ready for the interview.");
  }
  return h("div", { id: "prep-readiness", className: "readiness", "data-ready": "false" },
    h("p", { className: "readiness-title" }, "Still to do:"),
    h("ul", {}, readiness.missing.map((m) => h("li", { "data-item": m.item }, m.message))));
}

export function prepCard(interview) {
  const prep = interview.prep;
  const status = h("span", { id: "prep-status", className: "save-status", role: "status" });
  let readiness = readinessBlock(interview.readiness);
  const check = (name, label, hint) => h("div", { className: "field check" },
    h("input", { type: "checkbox", id: `prep-${name}`, name, checked: prep[name] }),
    h("label", { for: `prep-${name}` }, label, hint ? h("span", { className: "hint block" }, hint) : null));
  const form = h("form", { id: "prep-form", noValidate: true, onsubmit: (e) => e.preventDefault() },
    check("resume_ready", "Resume printed or at hand", "Bring it, but don't offer it unless they ask."),
    h("div", { className: "field" },
      h("label", { for: "prep-resume_version" }, "Which resume version"),
      h("input", { id: "prep-resume_version", name: "resume_version", value: prep.resume_version, autocomplete: "off", placeholder: "e.g. UX, May 2026" }),
      h("p", { className: "field-error", "data-for": "resume_version" })),
    check("dress", "Outfit chosen: dress professionally"),
    h("div", { className: "field" },
      h("label", { for: "prep-opening_line" }, "Opening line"),
      h("textarea", { id: "prep-opening_line", name: "opening_line", rows: 2, value: prep.opening_line }),
      h("p", { className: "hint" }, "Live mode shows it to say first: you are not looking for a job."),
      h("p", { className: "field-error", "data-for": "opening_line" })));

  // The readiness shown follows what was saved; reading it again is not part of the save, so a
  // failed read never reports the checklist as not saved (nor a failed save as saved).
  const showReadiness = async () => {
    try {
      const next = readinessBlock((await api.getInterview(interview.id)).readiness);
      readiness.replaceWith(next);
      readiness = next;
    } catch {
      // The next save shows it.
    }
  };
  const editor = autosave({
    name: `prep-${interview.id}`,
    label: "Preparation",
    save: () => api.updatePrep(interview.id, {
      resume_ready: form.elements.resume_ready.checked,
      dress: form.elements.dress.checked,
      opening_line: form.elements.opening_line.value,
      resume_version: form.elements.resume_version.value,
    }),
    status,
    scope: form,
    onSaved: showReadiness,
  });
  form.addEventListener("input", editor.changed);

  const card = h("section", { className: "card", id: "prep-card", "aria-labelledby": "prep-title" },
    h("div", { className: "card-title" }, h("h2", { id: "prep-title" }, "Preparation"), status),
    form, readiness);
  return { card, flush: editor.flush };
}

/** Moves prepared question `id` from index `from` to index `to`, one step at a time. */
async function moveTo(id, from, to) {
  const direction = to < from ? "back" : "forward";
  for (let i = 0; i < Math.abs(to - from); i += 1) await api.movePreparedQuestion(id, direction);
}

export function questionsCard(interview, bank, reload) {
  const act = (call) => action(call, () => reload());
  const count = interview.questions.length;
  let dragged = null;
  const rows = interview.questions.map((q, i) => {
    const row = h("li", {
      className: "question-row", "data-id": q.id, draggable: true,
      ondragstart: (event) => {
        dragged = i;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", String(q.id));
        row.classList.add("dragging");
      },
      ondragend: () => row.classList.remove("dragging"),
      ondragover: (event) => {
        if (dragged === null) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        row.classList.add("drop-target");
      },
      ondragleave: () => row.classList.remove("drop-target"),
      ondrop: (event) => {
        event.preventDefault();
        row.classList.remove("drop-target");
        const from = dragged;
        dragged = null;
        if (from === null || from === i) return;
        act(() => moveTo(interview.questions[from].id, from, i))();
      },
    },
    h("span", { className: "drag-handle", "aria-hidden": "true", title: "Drag to reorder" }, "⠿"),
    h("span", { className: "question-text" }, q.text),
    h("span", { className: "question-actions" },
      h("button", { type: "button", className: "icon", disabled: i === 0, "aria-label": `Move up: ${q.text}`,
        onclick: act(() => api.movePreparedQuestion(q.id, "back")) }, "↑"),
      h("button", { type: "button", className: "icon", disabled: i === count - 1,
        "aria-label": `Move down: ${q.text}`, onclick: act(() => api.movePreparedQuestion(q.id, "forward")) }, "↓"),
      h("button", { type: "button", className: "icon", "aria-label": `Remove: ${q.text}`,
        onclick: act(() => api.removePreparedQuestion(q.id)) }, "✕")));
    return row;
  });
  const list = count
    ? h("ol", { className: "questions", id: "prepared-questions" }, rows)
    : h("p", { className: "empty-line", id: "prepared-questions" },
      "No questions yet. Prepare at least three — but let the conversation lead.");

  const chosen = new Set(interview.questions.map((q) => q.text));
  const groups = new Map();
  for (const q of bank.filter((b) => !chosen.has(b.text))) {
    if (!groups.has(q.category)) groups.set(q.category, []);
    groups.get(q.category).push(q);
  }
  const pick = h("select", { id: "bank-question", name: "question_id" },
    h("option", { value: "" }, "Pick from the question bank…"),
    [...groups].map(([category, questions]) => h("optgroup", { label: categoryLabel(category) },
      questions.map((q) => h("option", { value: q.id }, q.text)))));
  const own = h("input", { id: "own-question", name: "question", placeholder: "…or write your own, for this interview only", autocomplete: "off" });
  const form = h("form", {
    className: "add-question",
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(form);
      const question = pick.value ? { question_id: Number(pick.value), text: "" } : { question_id: null, text: own.value };
      try {
        await api.prepareQuestion(interview.id, question);
        reload();
      } catch (error) {
        showError(form, error);
      }
    },
  },
  h("label", { className: "visually-hidden", for: "bank-question" }, "Question from the bank"), pick,
  h("label", { className: "visually-hidden", for: "own-question" }, "Your own question"), own,
  h("p", { className: "field-error", "data-for": "question" }),
  h("div", { className: "actions" },
    h("a", { href: "#/settings", className: "manage-bank" }, "Manage the question bank"),
    h("button", { type: "submit", className: "secondary", id: "add-question" }, "Add")));

  const enough = count >= 3;
  return h("section", { className: "card", id: "questions-card" },
    h("div", { className: "card-title" },
      h("h2", {}, "Questions to ask"),
      h("span", { className: `badge${enough ? "" : " warn"}`, id: "question-count" },
        enough ? `${count} prepared` : `${count} of at least 3`)),
    count > 1 ? h("p", { className: "hint" }, "Drag a question, or use the arrows, to change the order.") : null,
    list, form);
}
