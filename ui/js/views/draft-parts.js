// What the three message cards (the request, the thank-you and the follow-up note) share: which
// markers such as "[your name]" a text still holds and the line that says so as the user types,
// the question about the user's own name and background, asked beside the draft the first time
// one needs them, and the confirmation before a message with a marker left in it is marked sent.

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { confirmAction, describeMissing, h, toast } from "../dom.js";

/** The placeholders whose markers (such as "[your name]") the texts still hold. */
export function missingIn(draft, ...texts) {
  const text = texts.join("\n");
  return draft.markers.filter(({ marker }) => text.includes(marker)).map(({ name }) => name);
}

const markersIn = (draft, names) =>
  draft.markers.filter(({ name }) => names.includes(name)).map(({ marker }) => marker);

/** "how you are connected, your name" for placeholder names. */
const describe = (names) =>
  describeMissing(names.map((name) => (name === "connection_sentence" ? "connection" : name)));

/**
 * The line "Not filled in yet: …" under a draft, kept true as the user types: `update(names)`
 * rewrites it, and hides it once the text holds no marker.
 */
export function missingLine(id, { settingsLink = false } = {}) {
  const line = h("p", { className: "hint missing", id });
  let shown = null;
  line.update = (names) => {
    // Called on every keystroke: the page changes only when the list does.
    const key = names.join(",");
    if (key === shown) return;
    shown = key;
    line.hidden = names.length === 0;
    line.replaceChildren(...(names.length === 0 ? [] : [
      "Not filled in yet: ", describe(names), ". ",
      settingsLink
        ? h("span", {}, "Add them to the person, or your name and background in ", h("a", { href: "#/settings" }, "Settings"), ", or write them in.")
        : "Write them in, or add them to the person.",
    ]));
  };
  return line;
}

/**
 * Asks before a message that still holds a marker is marked sent: resolves true when it holds
 * none, or when the user confirms that it went out as it is.
 */
export async function confirmSentWithGaps(draft, ...texts) {
  return confirmMarkersLeft(markersIn(draft, missingIn(draft, ...texts)));
}

/**
 * The same question for the markers a stored message still holds (Today's "Mark sent"):
 * resolves true when there are none, or when the user confirms.
 */
export async function confirmMarkersLeft(markers) {
  if (markers.length === 0) return true;
  return confirmAction(
    "Mark it sent with gaps in it?",
    `The message still says ${markers.join(", ")}: the reader would see that. Mark it sent only `
      + "if you filled them in where you sent it.",
    "Mark sent anyway",
    "Go back",
  );
}

/**
 * The short question beside a draft that lacks the user's name or background (asked until the
 * user fills them in or says "Not now"; Settings keeps both). Filling it in signs every draft.
 * `prefix` keeps its ids apart from another card's; `done` re-renders the page.
 */
export function aboutYouPrompt(prefix, draft, done) {
  if (!draft.ask_about_you) return null;
  const asks = (name) => draft.missing.includes(name);
  const field = (name, label, placeholder) => asks(name)
    ? h("div", { className: "field" },
      h("label", { for: `${prefix}-${name}` }, label),
      h("input", { id: `${prefix}-${name}`, name, autocomplete: "off", placeholder }),
      h("p", { className: "field-error", "data-for": name }))
    : null;
  const status = h("span", { className: "save-status", id: `${prefix}-about-you-status`, role: "status" });
  const form = h("form", {
    className: "about-you", id: `${prefix}-about-you`, noValidate: true,
    "aria-labelledby": `${prefix}-about-you-title`,
    onsubmit: async (event) => {
      event.preventDefault();
      const typed = [...form.querySelectorAll("input")].some((input) => input.value.trim());
      if (!typed) {
        form.querySelector("input")?.focus();
        status.textContent = "Type what you want your messages to say, or choose Not now.";
        return;
      }
      editor.changed();
      if (await editor.flush()) {
        toast("Your drafts are filled in");
        done();
      } else {
        form.querySelector("[aria-invalid]")?.focus();
      }
    },
  },
  h("h3", { id: `${prefix}-about-you-title` }, "Who is writing?"),
  h("p", { className: "hint" },
    "Your messages sign with your name and say where you come from. Asked once: you can change them in Settings."),
  h("div", { className: "grid-2" },
    field("my_name", "Your name", "e.g. Alex Morgan"),
    field("background", "Your background", "e.g. eight years of teaching")),
  h("div", { className: "actions" },
    status,
    h("button", {
      type: "button", className: "secondary", id: `${prefix}-about-you-skip`,
      onclick: async () => {
        try {
          await api.skipAboutYou();
          toast("Not now: your drafts keep the gaps, and Settings has your name and background");
          done();
        } catch (error) {
          toast(error.message, "error");
        }
      },
    }, "Not now"),
    h("button", { type: "submit", className: "primary", id: `${prefix}-about-you-save` }, "Fill in my drafts")));
  // Saved only when the user says so (or leaves the page with it typed), like every editor.
  const editor = autosave({
    name: `about-you-${prefix}`,
    label: "Your name and background",
    save: async () => {
      const current = await api.getProfile();
      const value = (name) => form.elements[name]?.value ?? current[name];
      return api.updateProfile({ my_name: value("my_name"), background: value("background") });
    },
    status,
    scope: form,
    delay: null,
  });
  form.addEventListener("input", editor.changed);
  return form;
}
