// Target fields: the list, and a field's page with why the user wants it, the skills to put
// forward, and the insights board that gathers what every interview in the field taught.

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { formatDay, h } from "../dom.js";

/** The board's headings for the kinds of insight an interview page tags. */
const SECTION_TITLES = {
  qualification: "Qualifications",
  position_in_demand: "Positions in demand",
  advice: "Advice",
  person_to_meet: "People to meet",
};

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function fieldRow(field) {
  return h("li", { className: "row field-row", "data-id": field.id },
    h("div", { className: "row-main" },
      h("a", { className: "row-title", href: `#/fields/${field.id}`, dir: "auto" }, field.name),
      h("span", { className: "row-sub" },
        `${plural(field.people, "person", "people")} · ${plural(field.interviews, "interview", "interviews")} · ${plural(field.insights, "insight", "insights")}`)));
}

async function renderList(el) {
  const fields = await api.targetFields();
  el.append(
    h("header", { className: "page-header" },
      h("div", {},
        h("h1", {}, "Fields"),
        h("p", { className: "muted" },
          "The fields you are exploring. Open one to read what your interviews in it taught you."))),
    h("ul", { className: "list", id: "fields-list" },
      fields.length ? fields.map(fieldRow)
        : h("li", { className: "empty-line", id: "fields-empty" },
          "No fields yet. Give a person or an interview a field, such as “UX research”, and it appears here.")));
}

/** "Ana, 2 Mar 2026": who said it and when, opening the interview. */
function sourceLink(source) {
  return h("li", {},
    h("a", { href: `#/interviews/${source.interview_id}`, className: "source-link", "data-interview": source.interview_id },
      h("bdi", {}, source.person_name), `, ${formatDay(source.said_at)}`));
}

function gatheredItem(item) {
  const shared = item.people > 1;
  return h("li", { className: `board-item${shared ? " shared" : ""}`, "data-people": item.people },
    h("p", { className: "board-text", dir: "auto" }, item.text),
    shared ? h("span", { className: "badge shared-badge" }, `Said by ${item.people} people`) : null,
    h("ul", { className: "sources", "aria-label": "Said by" }, item.sources.map(sourceLink)));
}

function boardSection(id, title, items) {
  if (!items.length) return null;
  return h("section", { className: "board-section", id, "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title` }, title),
    h("ul", { className: "board-list" }, items.map(gatheredItem)));
}

function referralsSection(referrals) {
  if (!referrals.length) return null;
  return h("section", { className: "board-section", id: "board-referrals", "aria-labelledby": "board-referrals-title" },
    h("h3", { id: "board-referrals-title" }, "People they suggested you meet"),
    h("ul", { className: "board-list" }, referrals.map((r) => h("li", { className: "board-item" },
      h("p", { className: "board-text" },
        h("a", { href: `#/people/${r.person_id}` }, h("bdi", {}, r.name)),
        r.organisation ? [" at ", h("bdi", {}, r.organisation)] : null),
      h("ul", { className: "sources", "aria-label": "Suggested by" }, sourceLink(r.referred_by))))));
}

function boardCard(board) {
  const sections = [
    ...board.insights.map((s) => boardSection(`board-${s.category}`,
      SECTION_TITLES[s.category] ?? s.category, s.items)),
    boardSection("board-tips", "Tips", board.tips),
    referralsSection(board.referrals),
  ].filter(Boolean);
  const empty = board.interviews === 0
    ? "No interview in this field yet. Give an interview (or its person) this field, and what you learn in it gathers here."
    : "Nothing noted yet. After an interview, note what you learned on its page (Insights, Tips, Referrals) and it gathers here.";
  return h("section", { className: "card", id: "insights-board", "aria-labelledby": "board-title" },
    h("h2", { id: "board-title" }, "Insights board"),
    h("p", { className: "hint" },
      "What your interviews in this field taught you. What several people said is marked: it is what the field asks for."),
    sections.length ? sections : h("p", { className: "empty-line", id: "board-empty" }, empty));
}

function aboutCard(field) {
  const status = h("span", { id: "field-status", className: "save-status", role: "status" });
  const form = h("form", { id: "field-form", noValidate: true, onsubmit: (e) => e.preventDefault() },
    h("div", { className: "field" },
      h("label", { for: "field-why" }, "Why you want this field"),
      h("textarea", { id: "field-why", name: "why", rows: 3, value: field.why }),
      h("p", { className: "field-error", "data-for": "why" })),
    h("div", { className: "field" },
      h("label", { for: "field-skills" }, "Transferable skills to highlight"),
      h("textarea", { id: "field-skills", name: "transferable_skills", rows: 3, value: field.transferable_skills }),
      h("p", { className: "hint" }, "What you already do well that this field needs: put it forward on your resume."),
      h("p", { className: "field-error", "data-for": "transferable_skills" })));
  const editor = autosave({
    name: `field-${field.id}`,
    label: `About ${field.name}`,
    save: () => api.updateTargetField(field.id, {
      why: form.elements.why.value,
      transferable_skills: form.elements.transferable_skills.value,
    }),
    status,
    scope: form,
  });
  form.addEventListener("input", editor.changed);
  return h("section", { className: "card", id: "field-about", "aria-labelledby": "field-about-title" },
    h("div", { className: "card-title" }, h("h2", { id: "field-about-title" }, "About this field"), status),
    form);
}

async function renderField(el, id) {
  const field = await api.targetField(id);
  el.append(
    h("nav", { className: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "#/fields" }, "← Fields")),
    h("header", { className: "page-header" },
      h("div", {},
        h("h1", { id: "field-heading", dir: "auto" }, field.name),
        h("p", { className: "muted" }, `${plural(field.board.interviews, "interview", "interviews")} in this field`))),
    h("div", { className: "field-page" }, aboutCard(field), boardCard(field.board)));
}

export async function render(el, id) {
  if (id === undefined) await renderList(el);
  else await renderField(el, id);
}
