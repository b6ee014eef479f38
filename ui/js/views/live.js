// Live mode: the whole window for the conversation. The opening line to say first, a large
// timer kept by the core (so it survives closing the window or killing the app), the prepared
// questions to tick and answer, and notes. Everything typed saves itself half a second later,
// one answer or the notes at a time, never the whole form.

import * as api from "../api.js";
import { action, debounce, h, timeNow, toast } from "../dom.js";
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
let flushAll = () => Promise.resolve(true);

/** Saves what is typed but not saved yet before another page replaces this one. */
export const leave = async () => {
  stop();
  return flushAll();
};

export async function render(el, id) {
  stop();
  const interview = await api.getInterview(id);
  let state = interview.live;

  // --- Saving what is typed ---------------------------------------------------------------
  const status = h("span", { id: "live-save-status", className: "save-status", role: "status" });
  const pending = new Set();
  const failed = new Set();
  const showStatus = () => {
    if (failed.size) status.textContent = "Not saved — check the field marked in red";
    else if (pending.size) status.textContent = "Saving…";
    else status.textContent = `Saved ${timeNow()}`;
    status.dataset.state = failed.size ? "error" : pending.size ? "saving" : "saved";
  };
  const saver = (key, call, input) => {
    const save = debounce(async () => {
      try {
        await call();
        failed.delete(key);
        input?.removeAttribute("aria-invalid");
      } catch (error) {
        failed.add(key);
        input?.setAttribute("aria-invalid", "true");
        toast(error.message, "error");
      } finally {
        pending.delete(key);
        showStatus();
      }
    }, 500);
    debouncers.push(save);
    return () => {
      pending.add(key);
      status.textContent = "Saving…";
      status.dataset.state = "saving";
      save();
    };
  };
  const debouncers = [];

  const questions = interview.questions.map((q) => {
    const asked = h("input", { type: "checkbox", id: `asked-${q.id}`, className: "asked", checked: q.asked });
    const answer = h("textarea", { id: `answer-${q.id}`, className: "answer", rows: 3, value: q.answer, placeholder: "What they said…" });
    const save = saver(`q${q.id}`, () => api.answerQuestion(q.id, asked.checked, answer.value), answer);
    answer.addEventListener("input", () => {
      // Writing down an answer means the question came up.
      if (answer.value.trim() && !asked.checked) asked.checked = true;
      save();
    });
    asked.addEventListener("change", save);
    return h("li", { className: "live-question", "data-id": q.id },
      h("div", { className: "live-question-head" },
        asked,
        h("label", { for: `asked-${q.id}` }, q.text)),
      h("label", { className: "visually-hidden", for: `answer-${q.id}` }, `Answer: ${q.text}`),
      answer);
  });
  const notes = h("textarea", { id: "live-notes", rows: 8, value: interview.notes, placeholder: "Names, tips, anything to remember…" });
  const saveNotes = saver("notes", () => api.saveInterviewNotes(id, notes.value), notes);
  notes.addEventListener("input", saveNotes);

  flushAll = async () => {
    await Promise.all(debouncers.map((save) => save.flush()));
    return failed.size === 0;
  };

  // --- The timer --------------------------------------------------------------------------
  const time = h("p", { id: "live-timer", className: "live-timer", "aria-live": "off" }, clock(state.elapsed_seconds));
  const of = h("p", { className: "live-planned muted" }, `of ${interview.planned_minutes} min planned`);
  const cue = h("div", { id: "live-cue", className: "live-cue", role: "status", hidden: true }, CUE_TEXT);
  const buttons = h("div", { className: "live-buttons" });
  let fetchedAt = performance.now();
  let claimed = false;

  const act = (call) => action(call, (fetched) => {
    state = fetched;
    fetchedAt = performance.now();
    show();
  });
  const end = async () => {
    await flushAll();
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
    const running = state.running;
    const elapsed = state.elapsed_seconds + (running ? (performance.now() - fetchedAt) / 1000 : 0);
    time.textContent = clock(elapsed);
    time.dataset.state = state.ended ? "ended" : running ? "running" : state.paused ? "paused" : "ready";
    el.querySelector(".live-page")?.setAttribute("data-cue", String(state.cue_due));
    if (state.cue_due && !state.ended) {
      cue.hidden = false;
      if (!claimed) {
        claimed = true;
        api.claimLiveCue(id).catch(() => {});
      }
    }
    const want = state.ended ? "ended" : running ? "running" : state.paused ? "paused" : "ready";
    if (buttons.dataset.state === want) return;
    buttons.dataset.state = want;
    const endButton = h("button", { type: "button", className: "secondary", id: "live-end", onclick: end }, "End interview");
    buttons.replaceChildren(...({
      ready: [h("button", { type: "button", className: "primary big", id: "live-start", onclick: act(() => api.startLive(id)) }, "Start timer")],
      running: [h("button", { type: "button", className: "secondary big", id: "live-pause", onclick: act(() => api.pauseLive(id)) }, "Pause"), endButton],
      paused: [h("button", { type: "button", className: "primary big", id: "live-resume", onclick: act(() => api.resumeLive(id)) }, "Resume"), endButton],
      ended: [h("a", { className: "button secondary", href: `#/interviews/${id}` }, "Back to the interview")],
    })[want]);
  }

  // Ask the core for the time every few seconds, and count the seconds in between.
  const tick = setInterval(show, 250);
  const poll = setInterval(async () => {
    try {
      state = await api.liveState(id);
      fetchedAt = performance.now();
    } catch {
      // The next poll tries again.
    }
  }, 3000);
  stop = () => {
    clearInterval(tick);
    clearInterval(poll);
  };

  el.append(
    h("div", { className: "live-page", id: "live-page" },
      h("header", { className: "live-header" },
        h("a", { href: `#/interviews/${id}`, className: "live-back" }, "← Leave live mode"),
        h("h1", {}, "Talking with ", h("span", { id: "live-person" }, interview.person_name)),
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
        h("section", { className: "live-notes" },
          h("h2", {}, h("label", { for: "live-notes" }, "Notes")),
          notes))));
  show();
}
