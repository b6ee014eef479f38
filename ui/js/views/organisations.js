// Organisations worth targeting: Steve Dalton's LAMP list. Motivation and Posting are typed (or
// stepped with the arrow keys) in place; Advocacy counts the people the user knows there. The
// list sorts itself after each save, so the top five are the ones to reach out to first.

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { h } from "../dom.js";
import { stageLabel } from "../stages.js";

const TOP = 5;

/** The number typed, or null for an empty box (not scored). */
const scoreOf = (input) => (input.value.trim() === "" ? null : Number(input.value));

function peopleCell(org) {
  if (!org.people.length) return h("span", { className: "muted" }, "No one yet");
  const more = org.advocacy - org.people.length;
  return h("ul", { className: "lamp-people" },
    org.people.map((p) => h("li", {},
      h("a", { href: `#/people/${p.id}` }, h("bdi", {}, p.name)),
      p.title ? h("span", { className: "muted" }, ", ", h("bdi", {}, p.title)) : null,
      p.interviews.flatMap((i) => [" · ",
        h("a", { href: `#/interviews/${i.id}`, className: "lamp-interview" }, `Interview: ${stageLabel(i.stage)}`)]))),
    more > 0 ? h("li", { className: "muted" }, `and ${more} more`) : null);
}

function scoreInput(org, name, label, min, value) {
  return h("input", {
    type: "number", inputMode: "numeric", min, max: 3, step: 1,
    id: `lamp-${name}-${org.id}`, name, className: "lamp-score",
    value: value ?? "", "aria-label": `${label} for ${org.name} (${min} to 3)`,
  });
}

export async function render(el) {
  const rows = await api.lamp();
  const status = h("span", { id: "lamp-status", className: "save-status", role: "status" });
  const moved = h("p", { id: "lamp-moved", className: "visually-hidden", "aria-live": "polite" });
  const body = h("tbody", { id: "lamp-rows" });
  const byId = new Map();

  function makeRow(org) {
    const rank = h("td", { className: "lamp-rank" });
    const advocacy = h("td", { className: "lamp-advocacy" });
    const motivation = scoreInput(org, "motivation", "Motivation", 0, org.motivation);
    const posting = scoreInput(org, "posting", "Posting", 1, org.posting);
    const tr = h("tr", { "data-id": org.id },
      rank,
      h("td", { className: "lamp-org" },
        h("span", { className: "lamp-name" }, h("bdi", {}, org.name)),
        h("div", { className: "lamp-people-cell" })),
      advocacy,
      h("td", {}, motivation, h("p", { className: "field-error", "data-for": "motivation" })),
      h("td", {}, posting, h("p", { className: "field-error", "data-for": "posting" })));
    const editor = autosave({
      name: `lamp-${org.id}`,
      label: `The scores of ${org.name}`,
      save: () => api.scoreOrganisation(org.id, scoreOf(motivation), scoreOf(posting)),
      status,
      scope: tr,
      input: motivation,
      onSaved: () => reorder(org.id),
    });
    tr.addEventListener("input", editor.changed);
    const entry = { tr, rank, advocacy, org };
    byId.set(org.id, entry);
    return entry;
  }

  /** Writes what the row shows besides the inputs: its place, Advocacy, people. */
  function fill(entry, org, index) {
    entry.org = org;
    entry.tr.classList.toggle("top", index < TOP);
    entry.tr.dataset.rank = String(index + 1);
    entry.rank.replaceChildren(String(index + 1),
      index < TOP ? h("span", { className: "visually-hidden" }, " (top five)") : "");
    entry.advocacy.replaceChildren(
      org.advocacy ? `Yes, ${org.advocacy} ${org.advocacy === 1 ? "person" : "people"}` : h("span", { className: "muted" }, "No one"));
    entry.tr.querySelector(".lamp-people-cell").replaceChildren(peopleCell(org));
  }

  function show(list) {
    list.forEach((org, index) => fill(byId.get(org.id) ?? makeRow(org), org, index));
    // Moving a row takes the focus from its input: it is given back.
    const focused = document.activeElement;
    body.append(...list.map((org) => byId.get(org.id).tr));
    if (focused && body.contains(focused) && document.activeElement !== focused) {
      focused.focus({ preventScroll: false });
    }
  }

  async function reorder(savedId) {
    const before = byId.get(savedId)?.tr.dataset.rank;
    const list = await api.lamp();
    show(list);
    const after = byId.get(savedId)?.tr.dataset.rank;
    if (before !== after) moved.textContent = `${byId.get(savedId).org.name} is now number ${after} of ${list.length}.`;
  }

  show(rows);
  const table = h("table", { className: "lamp-table", id: "lamp-table" },
    h("caption", { className: "visually-hidden" }, "Organisations in LAMP order: the first five are the ones to reach out to first."),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, h("span", { className: "visually-hidden" }, "Place"), h("span", { "aria-hidden": "true" }, "#")),
      h("th", { scope: "col" }, "Organisation and people there"),
      h("th", { scope: "col" }, "Advocacy"),
      h("th", { scope: "col" }, "Motivation"),
      h("th", { scope: "col" }, "Posting"))),
    body);

  el.append(
    h("header", { className: "page-header" },
      h("div", {},
        h("h1", {}, "Organisations"),
        h("p", { className: "muted" }, "Where to reach out first, by the LAMP method.")),
      status),
    h("p", { className: "hint lamp-help", id: "lamp-help" },
      "Motivation (0 to 3): how much you would like to work there. Posting (1 to 3): how well its job postings fit you. "
      + "Advocacy: the people you know there. The list sorts by Motivation, then Posting, then Advocacy; the top five are marked. "
      + "Type a score or use the arrow keys; leave it empty for not scored yet."),
    rows.length
      ? h("div", { className: "lamp-scroll" }, table)
      : h("p", { className: "empty-line", id: "lamp-empty" },
        "No organisations yet. Type where someone works on their page and the organisation appears here."),
    moved);
}
