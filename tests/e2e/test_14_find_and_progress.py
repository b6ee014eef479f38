"""Find anything, the Progress screen and the network picture, in the real window (issue 10).

Ctrl+K opens one box from any screen, even while typing in a field; a word typed into an
interview's notes a moment before is found, says it was found in the notes of that interview, and
Enter opens the interview; the arrow keys choose another result, Esc closes the box.
"""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from flows import add_person, id_from_hash
from harness import App

PERSON = "Oksana Petrenko"
ORGANISATION = "Brightwave Studios"
NOTE_WORD = "zettelkasten"


def ctrl_k(app: App) -> None:
    ActionChains(app.driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()


def find_open(app: App) -> bool:
    return app.driver.execute_script("return !!document.querySelector('#find-dialog[open]')")


READ_RESULTS = """
  return [...document.querySelectorAll('#find-results [role=option]')].map((li) => ({
    kind: li.dataset.kind, title: li.querySelector('.find-title').textContent,
    text: li.textContent, selected: li.getAttribute('aria-selected') === 'true',
    mark: [...li.querySelectorAll('mark')].map((m) => m.textContent)}))"""


def shown_results(app: App) -> list[dict]:
    """The box's results as shown: [{kind, title, text, selected, mark}]."""
    return app.driver.execute_script(READ_RESULTS)


def find_results(app: App, typed: str) -> list[dict]:
    """Types into the open box and waits for its results."""
    box = app.find("#find-input")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(typed)
    found: list[dict] = []

    def ready() -> bool:
        nonlocal found
        found = shown_results(app)
        status = app.find("#find-status").text
        return bool(found) or status.startswith("Nothing matches")

    app.wait(ready, f"no results for {typed!r}; status {app.find('#find-status').text!r}")
    return found


def test_ctrl_k_finds_a_word_from_an_interviews_notes_and_opens_the_interview(app):
    add_person(app, PERSON, organisation=ORGANISATION)
    app.click("#new-interview")
    interview_id = id_from_hash(app, r"#/interviews/(\d+)")
    app.wait_view("interview")
    # Typed, and at once Ctrl+K from inside the notes: what was typed is saved and found.
    notes = app.find("#interview-notes")
    notes.click()
    notes.send_keys(f"She keeps a {NOTE_WORD} of every study she ran.")
    ctrl_k(app)
    app.wait(lambda: find_open(app), "Ctrl+K in the notes did not open the find box")
    assert app.focused().get_attribute("id") == "find-input", "the find box does not have the focus"
    app.screenshot("find-empty")
    app.press(Keys.ESCAPE)
    app.wait(lambda: not find_open(app), "Esc did not close the find box")

    # From another screen.
    app.go("today")
    ctrl_k(app)
    app.wait(lambda: find_open(app), "Ctrl+K on Today did not open the find box")
    results = find_results(app, "zettel")
    interviews = [r for r in results if r["kind"] == "interview"]
    assert len(interviews) == 1, f"the interview is not found once: {results}"
    hit = interviews[0]
    assert hit["title"] == f"Interview with {PERSON}", hit
    assert "in the notes" in hit["text"], f"the hit does not say where the word was: {hit}"
    assert hit["mark"] == [NOTE_WORD], f"the matched word is not highlighted: {hit}"
    app.screenshot("find-results")
    # Choose it with the arrow keys (the person, whose notes hold the word too, may come
    # first), then Enter opens the interview.
    for _ in range(len(results)):
        if next(r for r in shown_results(app) if r["kind"] == "interview")["selected"]:
            break
        app.press(Keys.ARROW_DOWN)
    app.press(Keys.ENTER)
    app.wait(lambda: not find_open(app), "Enter did not close the find box")
    app.wait(lambda: app.hash() == f"#/interviews/{interview_id}", f"Enter opened {app.hash()}")
    app.wait_view("interview")
    assert NOTE_WORD in app.find("#interview-notes").get_property("value")

    # The organisation's name: the organisation first, the person who works there after; the
    # arrow key moves to the person and Enter opens their page.
    ctrl_k(app)
    app.wait(lambda: find_open(app), "Ctrl+K did not open the find box again")
    results = find_results(app, "brightw")
    assert [(r["kind"], r["title"]) for r in results][:2] == [
        ("organisation", ORGANISATION), ("person", PERSON)], results
    assert results[0]["selected"], "the first result is not chosen"
    app.press(Keys.ARROW_DOWN)
    app.wait(lambda: shown_results(app)[1]["selected"], "↓ did not choose the person")
    app.press(Keys.ENTER)
    app.wait(lambda: app.hash().startswith("#/people/"), f"Enter opened {app.hash()}")
    app.wait_view("person")
