// Progress: how far the user came. Each chart is an SVG drawn from the core's figures, with a
// caption, a table a screen reader reads instead of the picture, and an empty state.

import * as api from "../api.js";
import { autosave } from "../autosave.js";
import { formatDate, h } from "../dom.js";
import { stageLabel } from "../stages.js";
import { s } from "../svg.js";

const monthFormat = new Intl.DateTimeFormat(undefined, { month: "short" });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
/** "Oct 12" from a calendar date "YYYY-MM-DD". */
const shortDay = (isoDate) => {
  const [y, m, d] = isoDate.split("-").map(Number);
  return dayFormat.format(new Date(y, m - 1, d));
};
const monthYearFormat = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });
const monthDate = (month) => {
  const [y, m] = month.split("-").map(Number);
  return new Date(y, m - 1, 1);
};
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** A chart: a heading, a caption, the picture (hidden from screen readers) and its table. */
function chart(id, title, caption, picture, table, empty) {
  return h("section", { className: "card chart", id, "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, title),
    h("p", { className: "hint chart-caption" }, caption),
    empty ? h("p", { className: "empty-line chart-empty" }, empty) : [picture, table].flat());
}

/** A table of label → value rows, read by screen readers in place of the picture. */
function textTable(caption, head, rows) {
  return h("table", { className: "visually-hidden" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, head.map((cell) => h("th", { scope: "col" }, cell)))),
    h("tbody", {}, rows.map((row) => h("tr", {},
      h("th", { scope: "row" }, row[0]), row.slice(1).map((cell) => h("td", {}, cell))))));
}

function months(progress) {
  const data = progress.months;
  const max = Math.max(1, ...data.map((m) => m.count));
  const [w, hgt, top, bottom] = [600, 180, 18, 22];
  const slot = w / data.length;
  const bar = (m, i) => {
    const height = ((hgt - top - bottom) * m.count) / max;
    const x = i * slot + slot * 0.18;
    const y = hgt - bottom - height;
    return s("g", { className: "bar-group" },
      s("rect", { className: "bar", x, y, width: slot * 0.64, height: Math.max(height, m.count ? 2 : 0), rx: 3 }),
      m.count ? s("text", { className: "bar-value", x: x + slot * 0.32, y: y - 4, "text-anchor": "middle" }, m.count) : null,
      s("text", { className: "axis-label", x: x + slot * 0.32, y: hgt - 6, "text-anchor": "middle" },
        monthFormat.format(monthDate(m.month))));
  };
  const picture = s("svg", { viewBox: `0 0 ${w} ${hgt}`, className: "chart-svg", id: "months-chart", "aria-hidden": "true", focusable: "false" },
    s("line", { className: "axis", x1: 0, x2: w, y1: hgt - bottom, y2: hgt - bottom }),
    data.map(bar));
  const total = data.reduce((sum, m) => sum + m.count, 0);
  return chart("chart-months", "Interviews per month",
    "How many interviews took place each month, over the last 12 months.",
    picture,
    textTable("Interviews per month", ["Month", "Interviews"],
      data.map((m) => [monthYearFormat.format(monthDate(m.month)), m.count])),
    total ? null : "No interview has taken place yet. Once you mark one done, it is counted here.");
}

function funnel(progress) {
  const steps = progress.funnel;
  const first = steps[0]?.count ?? 0;
  const [w, row, labelW] = [600, 30, 190];
  const picture = s("svg", { viewBox: `0 0 ${w} ${row * steps.length}`, className: "chart-svg", id: "funnel-chart", "aria-hidden": "true", focusable: "false" },
    steps.map((step, i) => {
      const width = first ? ((w - labelW - 150) * step.count) / first : 0;
      const y = i * row;
      return s("g", { className: "funnel-step", "data-stage": step.stage, "data-count": step.count },
        s("text", { className: "axis-label", x: 0, y: y + row * 0.65 }, stageLabel(step.stage)),
        s("rect", { className: "bar", x: labelW, y: y + 5, width: Math.max(width, step.count ? 2 : 0), height: row - 10, rx: 3 }),
        s("text", { className: "bar-value funnel-count", x: labelW + width + 6, y: y + row * 0.65 }, step.count),
        step.conversion_percent === null ? null
          : s("text", { className: "axis-label funnel-conversion", x: w, y: y + row * 0.65, "text-anchor": "end" },
            `${step.conversion_percent}% of the step before`));
    }));
  return chart("chart-funnel", "From identified to followed up",
    "How many of your interviews reached each step of the method (or went past it), and what share of those at the step before got there.",
    picture,
    textTable("The method's steps", ["Step", "Interviews", "Of the step before"],
      steps.map((step) => [stageLabel(step.stage), step.count,
        step.conversion_percent === null ? "—" : `${step.conversion_percent}%`])),
    first ? null : "No interview yet. Add a person and start an interview to see your funnel.");
}

/** One stacked bar of parts [{key, label, count}], with a legend that names each part. */
function stacked(id, parts) {
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  const w = 600;
  let x = 0;
  const picture = s("svg", { viewBox: `0 0 ${w} 28`, className: "chart-svg stacked", id, "aria-hidden": "true", focusable: "false" },
    parts.map((part) => {
      const width = total ? (w * part.count) / total : 0;
      const rect = s("rect", { className: `part part-${part.key}`, x, y: 0, width, height: 28, "data-count": part.count });
      x += width;
      return rect;
    }));
  const legend = h("ul", { className: "legend", "aria-hidden": "true" },
    parts.map((part) => h("li", {}, h("span", { className: `swatch part-${part.key}` }), `${part.label}: ${part.count}`)));
  return [picture, legend];
}

function responses(progress) {
  const r = progress.responses;
  const parts = [
    { key: "good", label: "Boosters (answered within 3 business days)", count: r.booster },
    { key: "fair", label: "Late (answered after that)", count: r.late },
    { key: "bad", label: "Silent (no answer after 7 business days)", count: r.silent },
    { key: "none", label: "Still waiting", count: r.waiting },
  ];
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  return chart("chart-responses", "How quickly people answer",
    "Of the people you asked for an interview: boosters answer within 3 business days; they are the ones to ask first next time.",
    stacked("responses-chart", parts),
    textTable("Answers to your requests", ["Answer", "People"], parts.map((p) => [p.label, p.count])),
    total ? null : "No request sent yet. Once you set the day you asked, it is counted here.");
}

function thankYous(progress) {
  const t = progress.thank_yous;
  const parts = [
    { key: "good", label: `Sent within ${t.hours} hours`, count: t.on_time },
    { key: "fair", label: "Sent later", count: t.late },
    { key: "bad", label: "Not sent, and the time is past", count: t.missing },
  ];
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  return chart("chart-thanks", "Thank-you notes",
    `A thank-you within ${t.hours} hours of the interview is remembered; a late one less so.`,
    stacked("thanks-chart", parts),
    textTable("Thank-you notes", ["Thank-you", "Interviews"], parts.map((p) => [p.label, p.count])),
    total ? null
      : t.pending
        ? `${plural(t.pending, "interview", "interviews")} ended less than ${t.hours} hours ago: there is still time for the thank-you.`
        : "No interview has ended yet, so no thank-you is due.");
}

function lengths(progress) {
  const l = progress.lengths;
  const max = Math.max(l.average_actual ?? 0, l.average_planned ?? 0, 1);
  const w = 600;
  const rows = [
    { key: "planned", label: "Planned", value: l.average_planned },
    { key: "actual", label: "Real", value: l.average_actual },
  ];
  const picture = s("svg", { viewBox: `0 0 ${w} 64`, className: "chart-svg", id: "lengths-chart", "aria-hidden": "true", focusable: "false" },
    rows.map((row, i) => {
      const width = ((w - 190) * (row.value ?? 0)) / max;
      return s("g", {},
        s("text", { className: "axis-label", x: 0, y: i * 32 + 20 }, row.label),
        s("rect", { className: `bar bar-${row.key}`, x: 90, y: i * 32 + 5, width, height: 22, rx: 3 }),
        s("text", { className: "bar-value", x: 96 + width, y: i * 32 + 20 }, `${row.value} min`));
    }));
  return chart("chart-lengths", "Real length against planned",
    l.interviews
      ? `The average over ${plural(l.interviews, "interview", "interviews")} whose real length you wrote down. If they give you more time than you asked, they like you.`
      : "The average real length of your interviews against the time you asked for.",
    picture,
    textTable("Average length", ["", "Minutes"], rows.map((row) => [row.label, row.value])),
    l.interviews ? null : "No real length written down yet. Live mode records it, or write it on the interview.");
}

/** The weekly goal's summary, chart and table: what changes when the goal does. */
function goalParts(g) {
  const max = Math.max(g.per_week, ...g.weeks.map((w) => w.count), 1);
  const [w, hgt, bottom] = [600, 150, 22];
  const slot = w / g.weeks.length;
  const scale = (n) => ((hgt - bottom - 16) * n) / max;
  const goalY = hgt - bottom - scale(g.per_week);
  const picture = s("svg", { viewBox: `0 0 ${w} ${hgt}`, className: "chart-svg", id: "goal-chart", "aria-hidden": "true", focusable: "false" },
    s("line", { className: "axis", x1: 0, x2: w, y1: hgt - bottom, y2: hgt - bottom }),
    g.weeks.map((week, i) => {
      const height = scale(week.count);
      const x = i * slot + slot * 0.2;
      return s("g", {},
        s("rect", { className: week.count >= g.per_week ? "bar bar-met" : "bar bar-short", x, y: hgt - bottom - height, width: slot * 0.6, height, rx: 3 }),
        week.count ? s("text", { className: "bar-value", x: x + slot * 0.3, y: hgt - bottom - height - 4, "text-anchor": "middle" }, week.count) : null,
        s("text", { className: "axis-label", x: x + slot * 0.3, y: hgt - 6, "text-anchor": "middle" },
          i === g.weeks.length - 1 ? "This week" : shortDay(week.monday)));
    }),
    s("line", { className: "goal-line", x1: 0, x2: w, y1: goalY, y2: goalY }));
  const summary = h("p", { id: "goal-summary", className: "goal-summary" },
    `This week: ${g.this_week} of ${plural(g.per_week, "request", "requests")}. `,
    g.streak
      ? `You met your goal ${plural(g.streak, "week", "weeks")} in a row.`
      : "No streak yet: meet your goal this week to start one.");
  const table = textTable("Requests each week", ["Week of", "Requests"],
    g.weeks.map((week) => [formatDate(week.monday), week.count]));
  return [summary, picture, table];
}

function goal(progress) {
  let parts = goalParts(progress.goal);
  const input = h("input", { id: "goal-per-week", name: "per_week", type: "number", min: 1, max: 50, value: progress.goal.per_week, inputMode: "numeric" });
  const status = h("span", { id: "goal-status", className: "save-status", role: "status" });
  const form = h("form", { className: "goal-form", noValidate: true, onsubmit: (e) => e.preventDefault() },
    h("div", { className: "field" },
      h("label", { for: "goal-per-week" }, "Requests a week I aim for"),
      input,
      h("p", { className: "field-error", "data-for": "per_week" })),
    status);
  const editor = autosave({
    name: "weekly-goal",
    label: "Requests a week I aim for",
    save: () => api.setWeeklyGoal(input.value === "" ? 0 : Number(input.value)),
    status,
    scope: form,
    input,
    // The summary and chart follow the new goal; the field, and the focus in it, stay.
    onSaved: async () => {
      const fresh = goalParts((await api.progress()).goal);
      parts.forEach((old, i) => old.replaceWith(fresh[i]));
      parts = fresh;
    },
  });
  input.addEventListener("input", editor.changed);
  return h("section", { className: "card chart", id: "chart-goal", "aria-labelledby": "chart-goal-title" },
    h("h2", { id: "chart-goal-title" }, "Weekly goal"),
    h("p", { className: "hint chart-caption" },
      "Requests you sent each week (by the day you asked), against your goal. A steady pace beats a burst."),
    parts,
    form);
}

export async function render(el) {
  const progress = await api.progress();
  el.append(
    h("header", { className: "page-header" },
      h("div", {},
        h("h1", {}, "Progress"),
        h("p", {}, "How far you came, from the first person identified to the follow-ups."))),
    h("div", { className: "charts" },
      goal(progress),
      funnel(progress),
      months(progress),
      responses(progress),
      thankYous(progress),
      lengths(progress)));
}
