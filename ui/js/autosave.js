// The one way an editor saves what the user types. Every editor in the app goes through
// `autosave()`: it saves a moment after the user stops typing, never runs two saves of one
// editor at once (so an older text is never committed after a newer one), says what it is doing
// ("Unsaved changes", "Saving…", "Saved 14:03", "Not saved: …"), keeps a refused text in its
// field with the reason next to it, tries again where a retry can succeed, and takes part in
// `flushAll()`, which the router calls before leaving a page and the app before its window
// closes or it quits.

import { timeNow } from "./dom.js";

/** How long after the last keystroke an editor saves: a killed app loses at most this much. */
export const DELAY = 600;

/** Error codes a retry cannot cure: the text itself, or what it belongs to, must change. */
const FINAL = new Set(["invalid", "not_found", "database_too_new", "not_a_database"]);
const RETRY_FIRST = 1000;
const RETRY_MAX = 30000;

/** Every live editor by name: what `flushAll()` saves. */
const editors = new Map();

const retryable = (error) => !FINAL.has(error?.code);
const messageOf = (error) => error?.message ?? String(error);

/**
 * Makes an editor. `save()` reads the fields as they are when it runs and resolves when the
 * text is stored (or rejects with a command error `{code, message, field, errors}`).
 *
 * @param {object} options
 * @param {string} options.name unique among live editors (an editor of the same name replaces it)
 * @param {string} options.label what the user calls it, in "not saved" warnings
 * @param {() => Promise<any>} options.save
 * @param {HTMLElement|{show: Function}} [options.status] where the state is said
 * @param {HTMLElement} [options.scope] holds the `.field-error[data-for=…]` slots and named fields
 * @param {HTMLElement} [options.input] the field an error without a named field belongs to
 * @param {number|null} [options.delay] ms after the last edit; null: only on flush
 * @param {boolean} [options.page] false for an editor outside the page (a dialog)
 * @param {(result: any) => void} [options.onSaved]
 */
export function autosave(options) {
  const { name, label, save, scope, input, onSaved } = options;
  const delay = options.delay === undefined ? DELAY : options.delay;
  const status = options.status?.show ? options.status : elementStatus(options.status);
  let version = 0; // bumped by every edit
  let savedVersion = 0; // the version last stored
  let failed = null; // {error, version} of the last refused save
  let running = null; // the save in flight
  let timer = null;
  let retryTimer = null;
  let retries = 0;

  const dirty = () => version !== savedVersion;
  const refusedAsIs = () => failed && failed.version === version && !retryable(failed.error);

  function changed() {
    version += 1;
    clearTimeout(timer);
    clearTimeout(retryTimer);
    timer = null;
    if (!running) status.show("pending", "Unsaved changes");
    if (delay !== null) timer = setTimeout(() => { timer = null; run(); }, delay);
  }

  // Saves the text as it is now, after the save in flight (if any) has ended.
  async function run() {
    while (running) await running;
    if (!dirty() || refusedAsIs()) return !dirty();
    const attempt = version;
    status.show("saving", "Saving…");
    running = (async () => {
      try {
        const result = await save();
        savedVersion = attempt;
        failed = null;
        retries = 0;
        clearFieldErrors();
        if (dirty()) status.show("pending", "Unsaved changes");
        else status.show("saved", `Saved ${timeNow()}`);
        onSaved?.(result);
        return true;
      } catch (error) {
        failed = { error, version: attempt };
        showFailure(error);
        if (retryable(error) && attempt === version) {
          clearTimeout(retryTimer);
          retryTimer = setTimeout(run, Math.min(RETRY_MAX, RETRY_FIRST * 2 ** retries));
          retries += 1;
        }
        return false;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function fieldFor(field) {
    return (field && scope?.querySelector(`[name="${CSS.escape(field)}"]`)) || input || null;
  }

  // Every field's problem next to its field at once (`errors`, when a form had several);
  // what has no slot of its own is said in the status.
  function showFailure(error) {
    clearFieldErrors();
    const problems = error?.errors?.length ? error.errors : [{ field: error?.field, message: messageOf(error) }];
    const unplaced = [];
    for (const { field, message } of problems) {
      const slot = field && scope?.querySelector(`.field-error[data-for="${CSS.escape(field)}"]`);
      fieldFor(field)?.setAttribute("aria-invalid", "true");
      if (slot) slot.textContent = message;
      else unplaced.push(message);
    }
    if (!unplaced.length) {
      status.show("error", problems.length > 1
        ? `Not saved: see the ${problems.length} fields marked in red`
        : "Not saved: see the field marked in red");
    } else {
      const message = unplaced.join(" ");
      status.show("error", retryable(error) ? `Not saved: ${message} Trying again…` : `Not saved: ${message}`);
    }
  }

  function clearFieldErrors() {
    for (const slot of scope?.querySelectorAll(".field-error") ?? []) slot.textContent = "";
    for (const el of scope?.querySelectorAll("[aria-invalid]") ?? []) el.removeAttribute("aria-invalid");
    input?.removeAttribute("aria-invalid");
  }

  const editor = {
    name,
    label,
    page: options.page !== false,
    /** Call on every edit. */
    changed,
    /** Saves now whatever is not stored yet; resolves true once all of it is. */
    async flush() {
      clearTimeout(timer);
      timer = null;
      for (;;) {
        if (running) {
          await running;
          continue;
        }
        if (!dirty()) return true;
        if (refusedAsIs()) return false;
        if (!(await run())) return false;
      }
    },
    /** Why the text is not stored, or null when it is. */
    problem: () => (dirty() ? (failed ? messageOf(failed.error) : "Not saved yet.") : null),
    /** Forgets the editor (its page is gone); a save in flight still ends. */
    dispose() {
      clearTimeout(timer);
      clearTimeout(retryTimer);
      if (editors.get(name) === editor) editors.delete(name);
    },
  };
  editors.get(name)?.dispose();
  editors.set(name, editor);
  return editor;
}

/** The state written into one element: its text, and `data-state` for the style. */
function elementStatus(el) {
  return {
    show(state, text) {
      // Typing says "Unsaved changes" on every key: touch the page only when it changes.
      if (!el || (el.dataset.state === state && el.textContent === text)) return;
      el.dataset.state = state;
      el.textContent = text;
    },
  };
}

/**
 * One status line for several editors (live mode's answers and notes): it says the worst of
 * their states. Returns a factory: `shared(name)` is the `status` option of editor `name`.
 */
export function sharedStatus(el) {
  const states = new Map();
  const rank = { error: 3, saving: 2, pending: 1, saved: 0 };
  const render = () => {
    let worst = null;
    for (const entry of states.values()) if (!worst || rank[entry.state] > rank[worst.state]) worst = entry;
    if (!worst) return;
    el.dataset.state = worst.state;
    el.textContent = worst.state === "saved" ? `Saved ${timeNow()}` : worst.text;
  };
  return (name) => ({
    show(state, text) {
      states.set(name, { state, text });
      render();
    },
  });
}

/**
 * Saves every live editor. Resolves `{ok, unsaved: [{label, message}]}`: `ok` once everything
 * typed is stored; otherwise what is not, and why.
 */
export async function flushAll() {
  const list = [...editors.values()];
  const results = await Promise.all(list.map((editor) => editor.flush().catch(() => false)));
  const unsaved = list
    .filter((_, i) => !results[i])
    .map((editor) => ({ label: editor.label, message: editor.problem() ?? "Not saved." }));
  return { ok: unsaved.length === 0, unsaved };
}

/** "Notes: The notes are too long…", one line per editor, for a warning. */
export const describeUnsaved = (unsaved) =>
  unsaved.map(({ label, message }) => `${label}: ${message}`).join("\n");

/** Forgets the page's editors (not a dialog's): the router calls it when the page goes. */
export function disposePage() {
  for (const editor of [...editors.values()]) if (editor.page) editor.dispose();
}
