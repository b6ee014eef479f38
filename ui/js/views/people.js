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

export async function render(el) {
  const people = await api.listPeople(lastQuery);
  const list = h("ul", { className: "list", id: "people-list", "data-query": lastQuery }, listOf(people, lastQuery));
  const count = h("p", { className: "muted", id: "people-count" });
  const showCount = (n, query) => {
    count.textContent = query ? `${n} found` : `${n} ${n === 1 ? "person" : "people"}`;
  };
  showCount(people.length, lastQuery);

  let timer;
  let ticket = 0;
  const search = h("input", {
    type: "search",
    id: "people-search",
    placeholder: "Search names, organisations, notes…",
    value: lastQuery,
    autocomplete: "off",
    oninput: () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const query = search.value.trim();
        const mine = ++ticket;
        const found = await api.listPeople(query);
        if (mine !== ticket) return;
        lastQuery = query;
        list.replaceChildren(...listOf(found, query));
        list.dataset.query = query;
        showCount(found.length, query);
      }, 150);
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
      list));
  if (lastQuery) search.setAttribute("data-autofocus", "");
}
