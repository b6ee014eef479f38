// Pipeline: a column per stage of the method. Move a card with its buttons, or focus it and use
// the arrow keys (← back, → forward, Enter opens it).

import * as api from "../api.js";
import { formatDate, formatDateTime, h, toast } from "../dom.js";
import { navigate, refresh } from "../router.js";
import { CLOSED, MAIN_LINE, isFirst, isLast, stageLabel } from "../stages.js";

async function move(card, direction) {
  try {
    const stage = await api.moveInterview(card.id, direction);
    toast(`${card.person_name}: ${stageLabel(stage)}`);
  } catch (error) {
    toast(error.message, "error");
  }
  await refresh({ keepFocus: true });
  document.querySelector(`.pipeline-card[data-id="${card.id}"]`)?.focus();
}

function when(card) {
  if (card.scheduled_at) return formatDateTime(card.scheduled_at);
  if (card.request_date) return `Asked ${formatDate(card.request_date)}`;
  return "";
}

function cardOf(card) {
  const closed = CLOSED.includes(card.stage);
  return h("li", {
    className: "pipeline-card",
    "data-id": card.id,
    "data-stage": card.stage,
    tabIndex: 0,
    "aria-label": `${card.person_name}, ${stageLabel(card.stage)}. Arrow keys move it, Enter opens it.`,
    onkeydown: (event) => {
      if (event.target !== event.currentTarget) return;
      if (event.key === "ArrowRight" && !isLast(card.stage)) {
        event.preventDefault();
        move(card, "forward");
      } else if (event.key === "ArrowLeft" && !isFirst(card.stage)) {
        event.preventDefault();
        move(card, "back");
      } else if (event.key === "Enter") {
        navigate(`#/interviews/${card.id}`);
      }
    },
  },
  h("a", { className: "card-name", href: `#/interviews/${card.id}`, tabIndex: -1, dir: "auto" }, card.person_name),
  card.organisation ? h("span", { className: "card-sub", dir: "auto" }, card.organisation) : null,
  closed ? h("span", { className: `badge stage-${card.stage}` }, stageLabel(card.stage)) : null,
  when(card) ? h("span", { className: "card-sub" }, when(card)) : null,
  h("span", { className: "card-buttons" },
    h("button", { className: "icon card-back", tabIndex: -1, disabled: isFirst(card.stage),
      "aria-label": `Move ${card.person_name} back`, onclick: () => move(card, "back") }, "←"),
    h("button", { className: "icon card-forward", tabIndex: -1, disabled: isLast(card.stage),
      "aria-label": `Move ${card.person_name} forward`, onclick: () => move(card, "forward") }, "→")));
}

/** A column: its cards, and how many more the stage holds than it shows. */
function column(code, label, cards, total) {
  const className = total ? "stage-column" : "stage-column empty";
  const hidden = total - cards.length;
  return h("section", { className, "data-stage": code, "aria-label": label },
    h("h2", {}, label, h("span", { className: "count" }, number.format(total))),
    h("ul", {}, cards.map(cardOf),
      hidden > 0 ? h("li", { className: "pipeline-more muted" },
        `and ${number.format(hidden)} more, moved earlier`) : null));
}

const number = new Intl.NumberFormat("en");

export async function render(el) {
  // The latest cards of each stage (25 at most) and every stage's count: a board of thousands
  // of interviews draws as fast as a small one.
  const board = await api.pipeline();
  const cards = board.cards;
  const header = h("header", { className: "page-header" },
    h("div", {}, h("h1", {}, "Pipeline"),
      h("p", { className: "muted" }, "Focus a card and use ← → to move it; Enter opens it.")));
  if (cards.length === 0) {
    el.append(header, h("div", { id: "pipeline-page" },
      h("div", { className: "card empty", id: "pipeline-board" },
        h("p", {}, "No interviews yet. Open someone on the ",
          h("a", { href: "#/people" }, "People"), " page and choose “Start an interview”."))));
    return;
  }
  const inStage = (codes) => cards.filter((c) => codes.includes(c.stage));
  const totalOf = (codes) => board.totals
    .filter((t) => codes.includes(t.stage))
    .reduce((sum, t) => sum + t.count, 0);
  el.append(header, h("div", { id: "pipeline-page" },
    h("div", { id: "pipeline-board", className: "board" },
      MAIN_LINE.map((code) => column(code, stageLabel(code), inStage([code]), totalOf([code]))),
      column("closed", "Closed", inStage(CLOSED), totalOf(CLOSED)))));
}
