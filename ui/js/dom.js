// Small helpers to build the page. User text only ever goes in through textContent.

/**
 * Builds an element. `props` sets properties (className, id, type, value…), `data-*` and
 * `aria-*` attributes and `on*` listeners; children are nodes or strings (added as text).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key.startsWith("data-") || key.startsWith("aria-") || key === "role" || key === "for" || key === "list") {
      el.setAttribute(key, value === true ? "" : String(value));
    } else {
      el[key] = value;
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

let toastTimer;
/** Shows a short message at the bottom of the window. */
export function toast(message, kind = "info") {
  const el = document.getElementById("toast");
  el.textContent = message;
  el.dataset.kind = kind;
  el.classList.add("visible");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove("visible"), kind === "error" ? 8000 : 3000);
}

/** Clears every field error inside `form`. */
export function clearErrors(form) {
  for (const p of form.querySelectorAll(".field-error")) p.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}

/**
 * Shows a command error: next to its field when the form has one, otherwise as a toast.
 * @param {HTMLElement} form
 * Every field's problem is shown when the form had several (`errors`); the first is focused.
 * @param {{code?: string, message?: string, field?: string|null, errors?: {field: string, message: string}[]}|Error} error
 */
export function showError(form, error) {
  const problems = error?.errors?.length
    ? error.errors
    : [{ field: error?.field, message: error?.message ?? String(error) }];
  let first = null;
  for (const { field, message } of problems) {
    const slot = field && form?.querySelector(`.field-error[data-for="${CSS.escape(field)}"]`);
    if (!slot) {
      toast(message, "error");
      continue;
    }
    slot.textContent = message;
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
    input?.setAttribute("aria-invalid", "true");
    first ??= input;
  }
  first?.focus();
}

/** Asks the user to confirm, in the page's own dialog. Resolves true for OK. */
export function confirmAction(title, text, okLabel = "Delete", cancelLabel = "Cancel") {
  const dialog = document.getElementById("confirm-dialog");
  dialog.querySelector("#confirm-title").textContent = title;
  dialog.querySelector("#confirm-text").textContent = text;
  dialog.querySelector("#confirm-ok").textContent = okLabel;
  dialog.querySelector("#confirm-cancel").textContent = cancelLabel;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    dialog.querySelector("#confirm-cancel").focus();
  });
}

/** `make()`'s result, made on first use and kept for the page: making an Intl formatter costs
 * far more than using it (Today formats two dates a row), and the first one made loads the
 * locale's data, which the first view need not wait for when it shows no date (issue 12). */
function once(make) {
  let made = null;
  return () => (made ??= make());
}

const dateTimeFormat = once(() => new Intl.DateTimeFormat(undefined, {
  weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
}));
const dateFormat = once(() => new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" }));
const relativeFormat = once(() => new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }));

/** "Tue 31 Mar, 14:00" in the user's zone, from a UTC instant. */
export const formatDateTime = (iso) => (iso ? dateTimeFormat().format(new Date(iso)) : "");

/** "31 Mar 2026": the user's local day of a UTC instant. Never slice the instant's text for
 * its date: that is the day in UTC (00:30 in Tokyo is 15:30 the day before in UTC). */
export const formatDay = (iso) => (iso ? dateFormat().format(new Date(iso)) : "");

/** "31 Mar 2026" from a calendar date "YYYY-MM-DD" (no time zone shift). */
export function formatDate(isoDate) {
  if (!isoDate) return "";
  const [y, m, d] = isoDate.split("-").map(Number);
  return dateFormat().format(new Date(y, m - 1, d));
}

/** "in 3 days", "2 hours ago". */
export function relative(iso) {
  const minutes = Math.round((new Date(iso) - Date.now()) / 60000);
  const rtf = relativeFormat();
  if (Math.abs(minutes) < 60) return rtf.format(minutes, "minute");
  if (Math.abs(minutes) < 60 * 36) return rtf.format(Math.round(minutes / 60), "hour");
  return rtf.format(Math.round(minutes / 1440), "day");
}

/**
 * `text` with the person's `name` in it isolated in a <bdi>, so a right-to-left or mixed name
 * cannot reorder the words around it. Returns children for `h()`.
 */
export function withName(text, name) {
  const at = name ? text.indexOf(name) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), h("bdi", {}, name), text.slice(at + name.length)];
}

/** Reads a form's named fields into an object of strings (checkboxes as booleans). */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    values[el.name] = el.type === "checkbox" ? el.checked : el.value;
  }
  return values;
}

/**
 * Puts `text` on the clipboard. The asynchronous Clipboard API first; where the webview refuses
 * it, a selected, off-screen textarea and the copy command, which WebKitGTK always allows
 * inside a click.
 */
export async function copyText(text) {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    // Fall through to the copy command.
  }
  const area = h("textarea", { value: text, readOnly: true, className: "offscreen", "aria-hidden": "true" });
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("Could not copy to the clipboard: select the text and copy it yourself.");
}

/** Calls `fn` once `ms` have passed without another call; `.flush()` runs a pending call now. */
export function debounce(fn, ms) {
  let timer = null;
  let pending = null;
  const run = () => {
    clearTimeout(timer);
    timer = null;
    const args = pending;
    pending = null;
    return args ? fn(...args) : Promise.resolve();
  };
  const debounced = (...args) => {
    pending = args;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.flush = run;
  debounced.pending = () => pending !== null;
  return debounced;
}

/** "14:03", the time of day now. */
export const timeNow = () => new Date().toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

const PLACEHOLDER_LABELS = {
  first_name: "their first name",
  name: "their name",
  title: "their job title",
  organisation: "their organisation",
  field: "the field",
  connection: "how you are connected",
  insight: "an insight from the interview",
  tips: "their tips",
  background: "your background",
  my_name: "your name",
};

/** "your name, the field" for the placeholders a draft could not fill. */
export const describeMissing = (names) => names.map((name) => PLACEHOLDER_LABELS[name] ?? name).join(", ");

/**
 * A click handler that runs `call`, then `done(result)`; a refused call is said in a toast and
 * `done` is skipped.
 */
export const action = (call, done) => async () => {
  try {
    done(await call());
  } catch (error) {
    toast(error.message, "error");
  }
};
