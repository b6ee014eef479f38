// Find anything (Ctrl+K / ⌘K): one box, from any screen, that finds people, organisations,
// target fields and what was said in interviews as the user types. Keyboard first: ↑ and ↓
// choose, Enter opens, Esc closes. The list is a listbox the box controls (a combobox), so a
// screen reader says the chosen result without the focus leaving the box.

import * as api from "./api.js";
import { flushAll } from "./autosave.js";
import { debounce, formatDay, h } from "./dom.js";
import { navigate } from "./router.js";
import { stageLabel } from "./stages.js";

const MARK_START = "\u{E000}";
const MARK_END = "\u{E001}";

const KIND_LABELS = {
  person: "Person",
  organisation: "Organisation",
  field: "Field",
  interview: "Interview",
};

const WHERE_LABELS = {
  notes: "in the notes",
  answers: "in an answer",
  insights: "in an insight",
};

let dialog = null;
let input = null;
let list = null;
let status = null;
let hits = [];
let active = -1;
let asked = 0;

/** Where a hit opens: a person's or interview's page, a field's board, the organisations
 * worth targeting. */
export function hrefOf(hit) {
  switch (hit.kind) {
    case "person":
      return `#/people/${hit.id}`;
    case "interview":
      return `#/interviews/${hit.id}`;
    case "organisation":
      return "#/organisations";
    case "field":
      return `#/fields/${hit.id}`;
    default:
      return "#/today";
  }
}

/** The excerpt's text with its matched words in <mark>, all as text. */
function marked(excerpt) {
  const parts = [];
  let rest = excerpt;
  while (rest.length) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      parts.push(rest);
      break;
    }
    const end = rest.indexOf(MARK_END, start);
    parts.push(rest.slice(0, start));
    if (end < 0) {
      parts.push(rest.slice(start + 1));
      break;
    }
    parts.push(h("mark", {}, rest.slice(start + 1, end)));
    rest = rest.slice(end + 1);
  }
  return parts;
}

function describe(hit) {
  if (hit.kind !== "interview") return hit.detail;
  const when = hit.when ? formatDay(hit.when) : "";
  return [stageLabel(hit.stage), when, WHERE_LABELS[hit.matched_in]].filter(Boolean).join(" · ");
}

function option(hit, index) {
  return h("li", {
    id: `find-hit-${index}`,
    role: "option",
    className: "find-hit",
    "aria-selected": index === active ? "true" : "false",
    "data-kind": hit.kind,
    onclick: () => open(index),
    onmousemove: () => choose(index, false),
  },
  h("span", { className: "find-kind" }, KIND_LABELS[hit.kind]),
  h("span", { className: "find-main" },
    h("bdi", { className: "find-title" }, hit.title),
    describe(hit) ? h("span", { className: "find-detail" }, describe(hit)) : null,
    hit.excerpt ? h("span", { className: "find-excerpt" }, marked(hit.excerpt)) : null));
}

function choose(index, scroll = true) {
  if (!hits.length) return;
  active = (index + hits.length) % hits.length;
  for (const [i, li] of [...list.children].entries()) {
    li.setAttribute("aria-selected", i === active ? "true" : "false");
  }
  const li = list.children[active];
  input.setAttribute("aria-activedescendant", li.id);
  if (scroll) li.scrollIntoView({ block: "nearest" });
}

function show(found, typed) {
  hits = found;
  active = found.length ? 0 : -1;
  list.replaceChildren(...found.map(option));
  list.dataset.query = typed;
  input.setAttribute("aria-expanded", found.length ? "true" : "false");
  if (found.length) input.setAttribute("aria-activedescendant", "find-hit-0");
  else input.removeAttribute("aria-activedescendant");
  status.textContent = !typed.trim()
    ? "Type a name, an organisation, a field or a word from your notes."
    : found.length === 0
      ? `Nothing matches “${typed.trim()}”.`
      : found.length === 1
        ? "1 result. Press Enter to open it."
        : `${found.length} results. Use the arrow keys to choose, Enter to open.`;
}

const search = debounce(async () => {
  const typed = input.value;
  const ticket = ++asked;
  if (!typed.trim()) {
    show([], typed);
    return;
  }
  try {
    const found = await api.findAnything(typed);
    if (ticket === asked) show(found, typed);
  } catch (error) {
    if (ticket === asked) {
      show([], typed);
      status.textContent = error?.message ?? String(error);
    }
  }
}, 120);

/** Once the Organisations screen shows, its row of the organisation picked gets the focus
 * (its Motivation score), so the keyboard goes on from there. Gives up after 3 s. */
function focusOrganisation(id) {
  const until = performance.now() + 3000;
  const look = () => {
    const score = document.getElementById(`lamp-motivation-${id}`);
    const shown = document.body.dataset.view === "organisations"
      && document.getElementById("view")?.getAttribute("aria-busy") === "false";
    if (shown && score) {
      score.focus();
      score.scrollIntoView({ block: "center" });
    } else if (performance.now() < until) {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
}

function open(index) {
  const hit = hits[index];
  if (!hit) return;
  dialog.close();
  navigate(hrefOf(hit));
  if (hit.kind === "organisation") focusOrganisation(hit.id);
}

function build() {
  input = h("input", {
    id: "find-input",
    type: "search",
    role: "combobox",
    autocomplete: "off",
    spellcheck: false,
    placeholder: "Find people, organisations, fields, notes…",
    "aria-label": "Find anything",
    "aria-autocomplete": "list",
    "aria-controls": "find-results",
    "aria-expanded": "false",
    "aria-describedby": "find-status",
    oninput: () => search(),
    onkeydown: (event) => {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        choose(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        choose(active - 1);
      } else if (event.key === "Escape") {
        // A search field's own Esc would only clear it: one Esc closes the box.
        event.preventDefault();
        dialog.close();
      } else if (event.key === "Enter") {
        event.preventDefault();
        // Results still on their way are waited for, so a fast typist opens what they typed.
        Promise.resolve(search.pending() ? search.flush() : null).then(() => open(Math.max(active, 0)));
      }
    },
  });
  list = h("ul", { id: "find-results", role: "listbox", "aria-label": "Results", className: "find-results" });
  status = h("p", { id: "find-status", className: "find-status", role: "status" });
  dialog = h("dialog", { id: "find-dialog", className: "find-dialog", "aria-labelledby": "find-title" },
    h("h2", { id: "find-title", className: "visually-hidden" }, "Find anything"),
    input,
    status,
    list,
    h("p", { className: "hint find-keys", "aria-hidden": "true" },
      h("kbd", {}, "↑"), " ", h("kbd", {}, "↓"), " choose · ", h("kbd", {}, "Enter"), " open · ",
      h("kbd", {}, "Esc"), " close"));
  // A click on the backdrop (outside the box) closes it.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.body.append(dialog);
}

/** Opens the box, with what was typed last time selected. What the page holds is saved
 * first, so a word typed into the notes a moment ago is found. */
export function openFind() {
  if (!dialog) build();
  if (dialog.open) {
    input.select();
    return;
  }
  dialog.showModal();
  input.select();
  if (!input.value.trim()) show([], "");
  flushAll().finally(() => {
    if (input.value.trim()) search();
  });
}
