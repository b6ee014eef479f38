// Live mode: the whole window for the conversation. The opening line to say first, a large
// timer kept by the core (so it survives closing the window or killing the app), the prepared
// questions to tick and answer, and notes. Everything typed saves itself a moment later (see
// autosave.js), one answer or the notes at a time, never the whole form.

import * as api from "../api.js";
import { autosave, describeUnsaved, flushAll, sharedStatus } from "../autosave.js";
import { action, confirmAction, h, toast } from "../dom.js";
import { navigate } from "../router.js";

const CUE_TEXT = "Offer them an out: ask if they have a few more minutes.";

/** "4:05", or "1:02:09" past an hour. */
function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

let stop = () => {};

/** Stops the timers when another page replaces this one (the router saved what is typed). */
export const leave = () => stop();

export async function render(el, id) {
  stop();
  const interview = await api.getInterview(id);
  let state = interview.live;

  // --- Saving what is typed ---------------------------------------------------------------
  const status = h("span", { id: "live-save-status", className: "save-status", role: "status" });
  const shared = sharedStatus(status);

  const questions = interview.questions.map((q) => {
    const asked = h("input", { type: "checkbox", id: `asked-${q.id}`, className: "asked", checked: q.asked });
    const answer = h("textarea", { id: `answer-${q.id}`, className: "answer", rows: 3, value: q.answer, placeholder: "What they said…" });
    const error = h("p", { className: "field-error", "data-for": "answer" });
    const row = h("li", { className: "live-question", "data-id": q.id },
      h("div", { className: "live-question-head" },
        asked,
        h("label", { for: `asked-${q.id}` }, q.text)),
      h("label", { className: "visually-hidden", for: `answer-${q.id}` }, `Answer: ${q.text}`),
      answer, error);
    const editor = autosave({
      name: `answer-${q.id}`,
      label: `Answer to "${q.text}"`,
      save: () => api.answerQuestion(q.id, asked.checked, answer.value),
      status: shared(`answer-${q.id}`),
      scope: row,
      input: answer,
    });
    answer.addEventListener("input", () => {
      // Writing down an answer means the question came up.
      if (answer.value.trim() && !asked.checked) asked.checked = true;
      editor.changed();
    });
    asked.addEventListener("change", editor.changed);
    return row;
  });
  const notes = h("textarea", { id: "live-notes", name: "notes", rows: 8, value: interview.notes, placeholder: "Names, tips, anything to remember…" });
  const notesSection = h("section", { className: "live-notes" },
    h("h2", {}, h("label", { for: "live-notes" }, "Notes")),
    notes,
    h("p", { className: "field-error", "data-for": "notes" }));
  const notesEditor = autosave({
    name: `live-notes-${id}`,
    label: "Notes",
    save: () => api.saveInterviewNotes(id, notes.value),
    status: shared("notes"),
    scope: notesSection,
    input: notes,
  });
  notes.addEventListener("input", notesEditor.changed);

  // --- The timer --------------------------------------------------------------------------
  const time = h("p", { id: "live-timer", className: "live-timer", "aria-live": "off" }, clock(state.elapsed_seconds));
  const of = h("p", { className: "live-planned muted" }, `of ${interview.planned_minutes} min planned`);
  const cue = h("div", { id: "live-cue", className: "live-cue", role: "status", hidden: true }, CUE_TEXT);
  const buttons = h("div", { className: "live-buttons" });
  let fetchedAt = performance.now();
  let claimed = false;

  let keepFocus = false;
  const act = (call) => action(call, (fetched) => {
    state = fetched;
    fetchedAt = performance.now();
    keepFocus = true;
    show();
  });
  const end = async () => {
    // Everything typed is stored before the interview ends; what cannot be is said first.
    const { ok, unsaved } = await flushAll();
    if (!ok && !(await confirmAction("End with text not saved?",
      `${describeUnsaved(unsaved)}\n\nIt stays in its field if you keep going.`, "End anyway", "Keep going"))) return;
    try {
      const ended = await api.endLive(id);
      toast(ended.person_warm
        ? `Interview ended after ${ended.actual_minutes} min. ${interview.person_name} is a warm contact.`
        : `Interview ended after ${ended.actual_minutes} min. Send your thank-you within a day.`);
      stop();
      navigate(`#/interviews/${id}`);
    } catch (error) {
      toast(error.message, "error");
    }
  };

  function show() {
    const pressed = keepFocus;
    keepFocus = false;
    const running = state.running;
    const elapsed = state.elapsed_seconds + (running ? (performance.now() - fetchedAt) / 1000 : 0);
    time.textContent = clock(elapsed);
    time.dataset.state = state.ended ? "ended" : running ? "running" : state.paused ? "paused" : "ready";
    // The cue is due by the seconds counted here, not at the next poll; the core's scheduler
    // posts its notification on time even when this page's timers are throttled.
    const cueDue = state.cue_due || (state.started && elapsed >= state.cue_at_seconds);
    const page = el.querySelector(".live-page");
    page?.setAttribute("data-cue", String(cueDue));
    page?.setAttribute("data-state", time.dataset.state);
    if (cueDue && !state.ended) {
      cue.hidden = false;
      if (!claimed) {
        claimed = true;
        api.claimLiveCue(id).catch(() => {});
      }
    }
    const want = state.ended ? "ended" : running ? "running" : state.paused ? "paused" : "ready";
    if (buttons.dataset.state === want) return;
    buttons.dataset.state = want;
    // The button pressed is replaced (Start timer → Pause): focus moves to its successor
    // instead of falling back to the page, so Space pauses and resumes.
    const hadFocus = pressed || buttons.contains(document.activeElement);
    const endButton = h("button", { type: "button", className: "secondary", id: "live-end", onclick: end }, "End interview");
    buttons.replaceChildren(...({
      ready: [h("button", { type: "button", className: "primary big", id: "live-start", onclick: act(() => api.startLive(id)) }, "Start timer")],
      running: [h("button", { type: "button", className: "secondary big", id: "live-pause", onclick: act(() => api.pauseLive(id)) }, "Pause"), endButton],
      paused: [h("button", { type: "button", className: "primary big", id: "live-resume", onclick: act(() => api.resumeLive(id)) }, "Resume"), endButton],
      ended: [h("a", { className: "button secondary", href: `#/interviews/${id}` }, "Back to the interview")],
    })[want]);
    if (hadFocus) buttons.firstElementChild?.focus();
  }

  // Ask the core for the time every few seconds, and count the seconds in between.
  const refetch = async () => {
    try {
      state = await api.liveState(id);
      fetchedAt = performance.now();
      show();
    } catch {
      // The next poll tries again.
    }
  };
  const tick = setInterval(show, 250);
  const poll = setInterval(refetch, 3000);
  // A hidden window's timers are slowed down: when it shows again, it is brought up to date
  // at once rather than at the next (late) tick.
  const onVisible = () => {
    if (document.visibilityState === "visible") refetch();
  };
  document.addEventListener("visibilitychange", onVisible);
  stop = () => {
    clearInterval(tick);
    clearInterval(poll);
    document.removeEventListener("visibilitychange", onVisible);
  };

  el.append(
    h("div", { className: "live-page", id: "live-page" },
      h("header", { className: "live-header" },
        h("a", { href: `#/interviews/${id}`, className: "live-back" }, "← Leave live mode"),
        h("h1", {}, "Talking with ", h("bdi", { id: "live-person" }, interview.person_name)),
        status),
      h("section", { className: "live-top" },
        h("blockquote", { className: "opening-line", id: "live-opening" },
          h("p", { className: "eyebrow" }, "Say first"),
          h("p", {}, interview.prep.opening_line || "I'm not looking for a job — I'd love to learn how you got where you are.")),
        h("div", { className: "live-clock" }, time, of, buttons)),
      cue,
      h("div", { className: "live-columns" },
        h("section", { className: "live-questions" },
          h("h2", {}, "Questions"),
          questions.length
            ? h("ol", { id: "live-questions" }, questions)
            : h("p", { className: "empty-line" }, "No questions prepared. Listen, and note what you hear.")),
        notesSection)));
  show();
}
