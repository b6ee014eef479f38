// People: everyone the user wants to learn from, searchable as they type.

import * as api from "../api.js";
import { h } from "../dom.js";
import { navigate } from "../router.js";
import { stageLabel } from "../stages.js";
import { openPersonForm } from "./person-form.js";

let lastQuery = "";

function row(person) {
  // Each value isolated: a right-to-left name or organisation keeps its place in the row.
  const sub = [person.title, person.organisation].filter(Boolean)
    .flatMap((value, i) => [i > 0 ? " at " : null, h("bdi", {}, value)]);
  return h("li", { className: "row person-row", "data-id": person.id },
    h("div", { className: "row-main" },
      h("a", { className: "row-title person-name", href: `#/people/${person.id}`, dir: "auto" }, person.name),
      sub.length ? h("span", { className: "row-sub" }, sub) : null),
    person.warm ? h("span", { className: "badge warm" }, "Warm") : null,
    person.stage ? h("span", { className: `badge stage-${person.stage}` }, stageLabel(person.stage)) : null);
}

function listOf(people, query) {
  if (people.length > 0) return people.map(row);
  const text = query
    ? `No one matches “${query}”. Try part of a name, an organisation or a word from your notes.`
    : "No one here yet. Add someone whose work you would like to learn about — a friend of a friend, an alumnus, a speaker you heard.";
  return [h("li", { className: "empty-line", id: "people-empty" }, text)];
}

const number = new Intl.NumberFormat("en");
// The core's page size (coffeechat_core::people::PAGE_SIZE).
const PAGE = 100;

/** "2,345 people" without a query; "34 of 5,000 match" with one. */
function countText(page, query) {
  if (!query) return `${number.format(page.total)} ${page.total === 1 ? "person" : "people"}`;
  const verb = page.total === 1 ? "matches" : "match";
  return `${number.format(page.total)} of ${number.format(page.everyone)} ${verb}`;
}

export async function render(el) {
  let page = await api.listPeople(lastQuery);
  let shown = page.people.length;
  const list = h("ul", { className: "list", id: "people-list", "data-query": lastQuery }, listOf(page.people, lastQuery));
  const count = h("p", { className: "muted", id: "people-count", "aria-live": "polite" });
  // The list holds a page at a time: the rest comes with "Show more", so a list of thousands
  // draws as fast as a short one.
  const more = h("button", { type: "button", id: "people-more", className: "list-more", hidden: true });
  const showCount = (query) => {
    count.textContent = countText(page, query);
    list.dataset.total = String(page.total);
    const left = page.total - shown;
    more.hidden = left <= 0;
    more.textContent = `Show ${number.format(Math.min(left, PAGE))} more`;
  };
  showCount(lastQuery);

  let timer;
  let ticket = 0;
  more.addEventListener("click", async () => {
    const query = lastQuery;
    const mine = ++ticket;
    more.disabled = true;
    try {
      const next = await api.listPeople(query, shown);
      if (mine !== ticket) return;
      page = next;
      shown += next.people.length;
      list.append(...next.people.map(row));
      showCount(query);
    } finally {
      more.disabled = false;
    }
  });
  const search = h("input", {
    type: "search",
    id: "people-search",
    placeholder: "Search names, organisations, notes…",
    value: lastQuery,
    autocomplete: "off",
    oninput: () => {
      clearTimeout(timer);
      // A short pause, so a fast typist's letters make one search; each one takes a few
      // milliseconds even among tens of thousands of people.
      timer = setTimeout(async () => {
        const query = search.value.trim();
        const mine = ++ticket;
        const found = await api.listPeople(query);
        if (mine !== ticket) return;
        lastQuery = query;
        page = found;
        shown = found.people.length;
        list.replaceChildren(...listOf(found.people, query));
        list.dataset.query = query;
        showCount(query);
      }, 80);
    },
    onkeydown: (event) => {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        list.querySelector("a")?.focus();
      } else if (event.key === "Enter") {
        list.querySelector("a")?.click();
      }
    },
  });
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      links[Math.min(i + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (i === 0 ? search : links[i - 1]).focus();
    }
  });

  const add = async () => {
    const id = await openPersonForm();
    if (id) navigate(`#/people/${id}`);
  };

  el.append(
    h("header", { className: "page-header" },
      h("div", {}, h("h1", {}, "People"), count),
      h("button", { className: "primary", id: "add-person", onclick: add }, "Add person")),
    h("div", { id: "people-page" },
      h("label", { className: "visually-hidden", for: "people-search" }, "Search people"),
      h("div", { className: "search" }, search),
      list,
      more));
  if (lastQuery) search.setAttribute("data-autofocus", "");
}
