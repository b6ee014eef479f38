// Hash routes → views. A view is a module with `render(el, params)` that fills `el`.
// While a view loads, main#view is aria-busy; when it is done, body[data-view] names it.
// Views are loaded when first shown, so that the window's start loads Today and what it needs,
// not every view (issue 12); `preloadViews` fetches the rest once Today is painted.

import { describeUnsaved, disposePage, flushAll } from "./autosave.js";
import { confirmAction, h } from "./dom.js";

/** A view's module, fetched the first time it is asked for (then from the module map). */
const lazy = (file) => () => import(`./views/${file}.js`);

const ROUTES = [
  { pattern: /^#\/today$/, name: "today", nav: "today", view: lazy("today") },
  { pattern: /^#\/people$/, name: "people", nav: "people", view: lazy("people") },
  { pattern: /^#\/people\/(\d+)$/, name: "person", nav: "people", view: lazy("person") },
  { pattern: /^#\/interviews\/(\d+)$/, name: "interview", nav: "pipeline", view: lazy("interview") },
  { pattern: /^#\/interviews\/(\d+)\/live$/, name: "live", nav: "pipeline", view: lazy("live") },
  { pattern: /^#\/pipeline$/, name: "pipeline", nav: "pipeline", view: lazy("pipeline") },
  { pattern: /^#\/fields$/, name: "fields", nav: "fields", view: lazy("fields") },
  { pattern: /^#\/fields\/(\d+)$/, name: "field", nav: "fields", view: lazy("fields") },
  { pattern: /^#\/organisations$/, name: "organisations", nav: "organisations", view: lazy("organisations") },
  { pattern: /^#\/progress$/, name: "progress", nav: "progress", view: lazy("progress") },
  { pattern: /^#\/network$/, name: "network", nav: "network", view: lazy("network") },
  { pattern: /^#\/settings$/, name: "settings", nav: "settings", view: lazy("settings") },
  { pattern: /^#\/data$/, name: "data", nav: "data", view: lazy("data") },
];

/** Loads every view in the background, so that the first visit to one does not wait for it. */
export function preloadViews() {
  for (const route of ROUTES) route.view().catch(() => {});
}

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
  let view = null;
  try {
    view = await route.view();
    await view.render(page, ...params);
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
  shown = view;
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
