// Hash routes → views. A view is a module with `render(el, params)` that fills `el`.
// While a view loads, main#view is aria-busy; when it is done, body[data-view] names it.

import { describeUnsaved, disposePage, flushAll } from "./autosave.js";
import { confirmAction, h } from "./dom.js";
import * as today from "./views/today.js";
import * as people from "./views/people.js";
import * as person from "./views/person.js";
import * as interview from "./views/interview.js";
import * as live from "./views/live.js";
import * as pipeline from "./views/pipeline.js";
import * as settings from "./views/settings.js";
import * as data from "./views/data.js";
import * as fields from "./views/fields.js";
import * as organisations from "./views/organisations.js";
import * as progress from "./views/progress.js";
import * as network from "./views/network.js";

const ROUTES = [
  { pattern: /^#\/today$/, name: "today", nav: "today", view: today },
  { pattern: /^#\/people$/, name: "people", nav: "people", view: people },
  { pattern: /^#\/people\/(\d+)$/, name: "person", nav: "people", view: person },
  { pattern: /^#\/interviews\/(\d+)$/, name: "interview", nav: "pipeline", view: interview },
  { pattern: /^#\/interviews\/(\d+)\/live$/, name: "live", nav: "pipeline", view: live },
  { pattern: /^#\/pipeline$/, name: "pipeline", nav: "pipeline", view: pipeline },
  { pattern: /^#\/fields$/, name: "fields", nav: "fields", view: fields },
  { pattern: /^#\/fields\/(\d+)$/, name: "field", nav: "fields", view: fields },
  { pattern: /^#\/organisations$/, name: "organisations", nav: "organisations", view: organisations },
  { pattern: /^#\/progress$/, name: "progress", nav: "progress", view: progress },
  { pattern: /^#\/network$/, name: "network", nav: "network", view: network },
  { pattern: /^#\/settings$/, name: "settings", nav: "settings", view: settings },
  { pattern: /^#\/data$/, name: "data", nav: "data", view: data },
];

let renderCount = 0;
let shown = null;
let shownHash = null;

/** Goes to `hash`; renders again when it is already the current one. */
export function navigate(hash) {
  if (location.hash === hash) refresh();
  else location.hash = hash;
}

/** Renders the current route. Only the latest of overlapping renders is shown. */
export async function refresh({ keepFocus = false } = {}) {
  const hash = location.hash || "#/today";
  const route = ROUTES.find((r) => r.pattern.test(hash)) ?? ROUTES[0];
  const params = hash.match(route.pattern)?.slice(1).map(Number) ?? [];
  const main = document.getElementById("view");
  const ticket = ++renderCount;
  main.setAttribute("aria-busy", "true");
  // What the page holds is saved first; what cannot be saved is said, and the user may stay
  // to fix it.
  const { ok, unsaved } = await flushAll();
  if (!ok && !(await confirmAction(
    "Leave without saving?",
    `${describeUnsaved(unsaved)}\n\nIt stays in its field if you stay. If you leave, it is lost.`,
    "Leave without saving",
    "Stay",
  ))) {
    if (shownHash && shownHash !== hash) history.replaceState(null, "", shownHash);
    main.setAttribute("aria-busy", "false");
    return;
  }
  shown?.leave?.();
  disposePage();
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === route.nav) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const page = h("div", { className: "page" });
  try {
    await route.view.render(page, ...params);
  } catch (error) {
    page.replaceChildren(
      h("div", { className: "empty error-page" },
        h("h1", {}, "This page could not be shown"),
        h("p", {}, error?.message ?? String(error)),
        h("p", {}, h("a", { href: "#/today" }, "Back to Today")))
    );
  }
  if (ticket !== renderCount) return;
  main.replaceChildren(page);
  shown = route.view;
  shownHash = hash;
  document.body.dataset.view = route.name;
  main.setAttribute("aria-busy", "false");
  if (!keepFocus) {
    const heading = page.querySelector("[data-autofocus]") ?? page.querySelector("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }
  document.title = `${page.querySelector("h1")?.textContent ?? ""} — Coffee Chat`;
}
