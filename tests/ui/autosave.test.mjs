// The autosave helper (ui/js/autosave.js) on its own, with Node's test runner and a few stand-in
// elements: one save at a time, the newest text last, a refused save kept and said, a retry
// where one can succeed, and flushAll. Run: node --test tests/ui/

import assert from "node:assert/strict";
import { test } from "node:test";

globalThis.CSS = { escape: (text) => text };

const { autosave, flushAll, disposePage } = await import("../../ui/js/autosave.js");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stand-in element: text, data-*, attributes, and the selectors autosave.js asks for. */
function element(children = {}) {
  const attributes = new Map();
  return {
    textContent: "",
    dataset: {},
    setAttribute: (name, value) => attributes.set(name, value),
    removeAttribute: (name) => attributes.delete(name),
    getAttribute: (name) => attributes.get(name) ?? null,
    querySelector: (selector) => children[selector] ?? null,
    querySelectorAll: (selector) => Object.entries(children)
      .filter(([key]) => key.startsWith(selector.replace(/\[.*$/, "")) || selector === "[aria-invalid]")
      .map(([, child]) => child),
  };
}

/** A save that waits until the test lets it finish, recording what it stored and when. */
function slowStore() {
  const stored = [];
  const inFlight = [];
  let running = 0;
  let most = 0;
  return {
    stored,
    get most() { return most; },
    save: (text) => () => new Promise((resolve, reject) => {
      running += 1;
      most = Math.max(most, running);
      inFlight.push({
        text,
        finish: () => { running -= 1; stored.push(text); resolve(); },
        fail: (error) => { running -= 1; reject(error); },
      });
    }),
    next: async () => {
      for (let i = 0; i < 100 && inFlight.length === 0; i += 1) await sleep(5);
      return inFlight.shift();
    },
  };
}

test("saves once, a moment after the last edit, with the text as it is then", async () => {
  const status = element();
  const saved = [];
  let text = "";
  const editor = autosave({ name: "a", label: "A", status, delay: 30, save: async () => saved.push(text) });
  for (const word of ["Met", "Met Dana", "Met Dana at", "Met Dana at the meetup"]) {
    text = word;
    editor.changed();
    assert.equal(status.dataset.state, "pending");
    assert.equal(status.textContent, "Unsaved changes");
    await sleep(5);
  }
  await sleep(80);
  assert.deepEqual(saved, ["Met Dana at the meetup"]);
  assert.equal(status.dataset.state, "saved");
  assert.match(status.textContent, /^Saved /);
  editor.dispose();
});

test("never two saves of one editor at once, and an older text never lands after a newer one", async () => {
  const store = slowStore();
  let text = "first";
  const status = element();
  const editor = autosave({ name: "b", label: "B", status, delay: 10, save: () => store.save(text)() });
  editor.changed();
  const first = await store.next();
  assert.equal(status.dataset.state, "saving");
  // Typing goes on while the first save is in flight: two more edits, one save of the newest.
  text = "second";
  editor.changed();
  await sleep(30);
  text = "third";
  editor.changed();
  await sleep(30);
  const flushed = editor.flush();
  first.finish();
  const last = await store.next();
  assert.equal(last.text, "third");
  last.finish();
  assert.equal(await flushed, true);
  assert.deepEqual(store.stored, ["first", "third"]);
  assert.equal(store.most, 1, "two saves were in flight at once");
  editor.dispose();
});

test("a refused save keeps the text unsaved, says why next to the field, and waits for an edit", async () => {
  const slot = element();
  const field = element();
  const scope = element({ '.field-error[data-for="notes"]': slot, '[name="notes"]': field });
  const status = element();
  let calls = 0;
  let text = "x".repeat(30);
  const refused = { code: "invalid", field: "notes", message: "The notes are too long." };
  const editor = autosave({
    name: "c", label: "Notes", status, scope, delay: 10,
    save: async () => {
      calls += 1;
      if (text.length > 20) throw refused;
    },
  });
  editor.changed();
  assert.equal(await editor.flush(), false);
  assert.equal(slot.textContent, "The notes are too long.");
  assert.equal(field.getAttribute("aria-invalid"), "true");
  assert.equal(status.dataset.state, "error");
  assert.match(status.textContent, /^Not saved/);
  assert.equal(editor.problem(), "The notes are too long.");
  // The same text is not sent again: it would be refused again.
  assert.equal(await editor.flush(), false);
  await sleep(1200);
  assert.equal(calls, 1);
  const { ok, unsaved } = await flushAll();
  assert.equal(ok, false);
  assert.deepEqual(unsaved, [{ label: "Notes", message: "The notes are too long." }]);

  text = "short now";
  editor.changed();
  assert.equal(await editor.flush(), true);
  assert.equal(slot.textContent, "");
  assert.equal(field.getAttribute("aria-invalid"), null);
  assert.equal(status.dataset.state, "saved");
  assert.equal((await flushAll()).ok, true);
  editor.dispose();
});

test("a save that failed for a passing reason (database busy) is tried again by itself", async () => {
  const status = element();
  let calls = 0;
  const editor = autosave({
    name: "d", label: "D", status, delay: 10,
    save: async () => {
      calls += 1;
      if (calls === 1) throw { code: "database", message: "The database is busy." };
    },
  });
  editor.changed();
  await sleep(50);
  assert.equal(status.dataset.state, "error");
  assert.match(status.textContent, /busy.*Trying again/);
  await sleep(1200);
  assert.equal(calls, 2);
  assert.equal(status.dataset.state, "saved");
  editor.dispose();
});

test("flushAll saves every live editor; leaving the page forgets its editors, not a dialog's", async () => {
  const saved = [];
  const page = autosave({ name: "page", label: "Page", delay: null, save: async () => saved.push("page") });
  const dialog = autosave({ name: "dialog", label: "Dialog", delay: null, page: false, save: async () => saved.push("dialog") });
  page.changed();
  dialog.changed();
  await sleep(30);
  assert.deepEqual(saved, [], "an editor without a delay saves only when flushed");
  assert.equal((await flushAll()).ok, true);
  assert.deepEqual(saved.sort(), ["dialog", "page"]);

  disposePage();
  page.changed();
  dialog.changed();
  await flushAll();
  assert.deepEqual(saved.sort(), ["dialog", "dialog", "page"]);
  dialog.dispose();
});

test("a form with several mistakes shows each next to its field at once", async () => {
  const slots = {
    '.field-error[data-for="name"]': element(),
    '.field-error[data-for="email"]': element(),
    '[name="name"]': element(),
    '[name="email"]': element(),
  };
  const scope = element(slots);
  const status = element();
  const editor = autosave({
    name: "several", label: "Several", status, scope, delay: null,
    save: async () => {
      throw {
        code: "invalid", field: "name", message: "The name is required. \"x\" is not an e-mail address.",
        errors: [
          { field: "name", message: "The name is required." },
          { field: "email", message: "\"x\" is not an e-mail address." },
        ],
      };
    },
  });
  editor.changed();
  assert.equal(await editor.flush(), false);
  assert.equal(slots['.field-error[data-for="name"]'].textContent, "The name is required.");
  assert.equal(slots['.field-error[data-for="email"]'].textContent, "\"x\" is not an e-mail address.");
  assert.equal(slots['[name="name"]'].getAttribute("aria-invalid"), "true");
  assert.equal(slots['[name="email"]'].getAttribute("aria-invalid"), "true");
  assert.equal(status.textContent, "Not saved: see the 2 fields marked in red");
  editor.dispose();
});
