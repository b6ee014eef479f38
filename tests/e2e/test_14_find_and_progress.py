"""Find anything, the Progress screen and the network picture, in the real window (issue 10).

Ctrl+K opens one box from any screen, even while typing in a field; a word typed into an
interview's notes a moment before is found, says it was found in the notes of that interview, and
Enter opens the interview; the arrow keys choose another result, Esc closes the box.

Progress draws the funnel with the data file's numbers; the network shows a referral as an edge
and a click on a person opens them.
"""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from flows import add_person, id_from_hash, schedule, step_forward
from harness import App, app_windows
from test_07_data_file import database_in

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
        if app.find("#find-results").get_attribute("data-query") != typed:
            return False
        found = shown_results(app)
        return True

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

    # Enter on the organisation opens the organisations worth targeting, on its row.
    ctrl_k(app)
    app.wait(lambda: find_open(app), "Ctrl+K did not open the find box on the person's page")
    find_results(app, "brightwave")
    app.press(Keys.ENTER)
    app.wait_view("organisations")
    app.wait(lambda: (app.focused().get_attribute("id") or "").startswith("lamp-motivation-"),
             "the organisation's row does not have the focus")
    label = app.focused().get_attribute("aria-label")
    assert ORGANISATION in label, label


REFERRER = "Marta Quispe"
REFERRED = "Tobias Lindqvist"
MAIN_LINE = [
    "identified", "connection_requested", "connected", "interview_requested",
    "scheduled", "done", "thanked", "followed_up",
]


def expected_funnel(database: Path) -> dict[str, int]:
    """How many interviews (not in the trash) reached each stage or went past it, read from the
    data file: the furthest main-line stage in each one's history or stage now."""
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            """SELECT i.stage, (SELECT group_concat(e.stage) FROM interview_events e
                                WHERE e.interview_id = i.id)
               FROM interviews i JOIN people p ON p.id = i.person_id
               WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL""").fetchall()
    reached = []
    for stage, history in rows:
        stages = [stage, *(history or "").split(",")]
        reached.append(max((MAIN_LINE.index(s) for s in stages if s in MAIN_LINE), default=0))
    return {s: sum(1 for r in reached if r >= i) for i, s in enumerate(MAIN_LINE)}


def test_progress_funnel_matches_the_data_and_the_network_shows_a_referral(app, data_home):
    # An interview that took place, with a referral added after it.
    referrer = add_person(app, REFERRER)
    app.click("#new-interview")
    app.wait_view("interview")
    schedule(app, datetime.now() - timedelta(hours=2))
    step_forward(app, "done")
    app.fill("#referral-name", REFERRED)
    app.click("#referral-add")
    app.wait(lambda: REFERRED in app.find("#referrals").text, "the referral was not added")

    # The funnel's numbers in the SVG are the data file's.
    app.go("progress")
    expected = expected_funnel(database_in(data_home))
    shown = app.driver.execute_script(
        """return Object.fromEntries([...document.querySelectorAll('#funnel-chart .funnel-step')]
             .map((g) => [g.dataset.stage, g.querySelector('.funnel-count').textContent]))""")
    assert shown == {k: str(v) for k, v in expected.items()}, f"funnel {shown}, data {expected}"
    assert expected["done"] >= 1
    # The conversion written beside a step is its share of the step before.
    conversions = app.driver.execute_script(
        """return [...document.querySelectorAll('#funnel-chart .funnel-conversion')]
             .map((t) => t.textContent)""")
    before, after = expected["scheduled"], expected["done"]
    assert conversions[4] == f"{round(after * 100 / before)}% of the step before", conversions
    # Its text equivalent says the same to a screen reader.
    table = app.find("#chart-funnel table").get_attribute("textContent")
    assert f"Done{expected['done']}" in table.replace(" ", ""), table
    app.screenshot("progress")
    # The weekly goal is a setting typed in place: the summary follows it once saved.
    app.fill("#goal-per-week", "1")
    app.wait(lambda: "of 1 request." in app.find("#goal-summary").text,
             f"the summary does not follow the goal: {app.find('#goal-summary').text!r}")
    assert app.focused().get_attribute("id") == "goal-per-week", "saving took the focus away"

    # The network: the referral is an edge from the referrer to the person introduced, and a
    # click on the person opens them.
    app.go("network")
    referred = app.driver.execute_script(
        "return [...document.querySelectorAll('#network-svg a.node')]"
        ".find((a) => a.textContent === arguments[0])?.dataset.id", REFERRED)
    assert referred, "the person introduced is not in the picture"
    assert app.exists(f'#network-svg path.edge[data-from="{referrer}"][data-to="{referred}"]'), (
        "no edge from the referrer to the person introduced")
    app.screenshot("network")
    # The smallest window the app allows: both screens still read (looked at, not asserted).
    window = app_windows(visible_only=True)[0]
    subprocess.run(["xdotool", "windowsize", window, "760", "520"], check=True, timeout=10)
    app.wait(lambda: app.driver.execute_script("return [innerWidth, innerHeight]") == [760, 520],
             "the window did not shrink to 760 x 520")
    app.screenshot("network-small")
    app.go("progress")
    app.screenshot("progress-small")
    app.go("network")
    app.click(f'#network-svg a.node[data-id="{referred}"] text')
    app.wait(lambda: app.hash() == f"#/people/{referred}", f"the click opened {app.hash()}")
    app.wait_view("person")
