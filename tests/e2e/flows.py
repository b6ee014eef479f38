"""What a user does in Coffee Chat, step by step, for the tests to repeat: add a person, find
them, open them, move an interview. Each step waits for the app to show its result."""

from __future__ import annotations

import re
from datetime import datetime

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.remote.webelement import WebElement

from harness import App

# Distance, in CSS pixels, within which an error counts as "next to" its field.
NEXT_TO = 60

_DISTANCE = """
const a = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();
const dx = Math.max(0, b.left - a.right, a.left - b.right);
const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
return Math.hypot(dx, dy);
"""


def distance(app: App, a: WebElement, b: WebElement) -> float:
    """The gap in pixels between two elements' boxes (0 when they touch or overlap)."""
    return app.driver.execute_script(_DISTANCE, a, b)


def assert_next_to(app: App, error: WebElement, field: WebElement) -> None:
    gap = distance(app, error, field)
    assert gap <= NEXT_TO, (
        f"the error {error.text!r} is {gap:.0f} px away from field "
        f"#{field.get_attribute('id')}: not next to it"
    )


def id_from_hash(app: App, pattern: str) -> int:
    """Waits until location.hash matches `pattern` (one group: the id) and returns the id."""
    match = app.wait(
        lambda: re.fullmatch(pattern, app.hash()),
        f"location.hash never matched {pattern}",
    )
    return int(match.group(1))


# --- People -------------------------------------------------------------------------------


def dialog_open(app: App) -> bool:
    return app.driver.execute_script(
        "return document.getElementById('person-dialog')?.open === true"
    )


def open_person_form(app: App) -> None:
    """Opens the add-person dialog from the People page."""
    app.go("people")
    app.click("#add-person")
    app.wait(lambda: dialog_open(app), "#person-dialog did not open")
    app.wait_visible("#person-name")


def visible_errors(app: App, within: str) -> dict[str, str]:
    return {
        el.get_attribute("data-for"): el.text
        for el in app.find_all(f"{within} .field-error")
        if el.text.strip()
    }


def add_person(app: App, name: str, **fields: str) -> int:
    """Adds a person through the People page's dialog, checks the app then shows their page,
    and returns their id. `fields` are the form's other fields by name (organisation=…)."""
    open_person_form(app)
    app.fill("#person-name", name)
    for field, value in fields.items():
        app.fill(f"#person-{field}", value)
    app.click("#person-save")
    try:
        app.wait(lambda: not dialog_open(app), "", timeout=10)
    except TimeoutException:
        raise AssertionError(
            f"saving {name!r} did not close the dialog; errors shown: "
            f"{visible_errors(app, '#person-form')}, toast: {app.toast()!r}"
        ) from None
    person_id = id_from_hash(app, r"#/people/(\d+)")
    app.wait_view("person")
    app.wait(
        lambda: app.find("h1#person-heading").text == name,
        f"the new person's page does not show the name {name!r}",
    )
    return person_id


def people_rows(app: App) -> dict[str, list[WebElement]]:
    """The People list as shown: each name (as text) with its rows."""
    rows: dict[str, list[WebElement]] = {}
    for row in app.find_all("#people-list .person-row"):
        rows.setdefault(app.find(".person-name", row).text, []).append(row)
    return rows


def reload_people(app: App) -> dict[str, list[WebElement]]:
    """Goes to People afresh (via Today, so the list is fetched again) and returns its rows."""
    app.go("today")
    app.go("people")
    return people_rows(app)


def search_people(app: App, query: str) -> dict[str, list[WebElement]]:
    """Types `query` in the People search and waits for the list to show its results."""
    app.fill("#people-search", query)
    try:
        app.wait(
            lambda: app.find("#people-list").get_attribute("data-query") == query.strip(),
            "",
        )
    except TimeoutException:
        shown = app.find("#people-list").get_attribute("data-query")
        raise AssertionError(
            f"the list never showed results for {query!r}: #people-list[data-query]={shown!r}"
        ) from None
    return people_rows(app)


def ensure_person(app: App, name: str, **fields: str) -> None:
    """Adds `name` unless the People list already has them (tests run alone add their own)."""
    if name not in reload_people(app):
        add_person(app, name, **fields)


def open_person(app: App, name: str) -> int:
    """Opens a person's page from the People list and returns their id."""
    rows = reload_people(app)
    assert name in rows, f"{name!r} is not in the People list: {sorted(rows)}"
    assert len(rows[name]) == 1, f"{name!r} is in the People list {len(rows[name])} times"
    app.find(".person-name", rows[name][0]).click()
    person_id = id_from_hash(app, r"#/people/(\d+)")
    app.wait_view("person")
    return person_id


# --- Interviews ---------------------------------------------------------------------------


def stage(app: App) -> str:
    return app.find("#interview-stage").get_attribute("data-stage")


def wait_stage(app: App, expected: str) -> None:
    try:
        app.wait(lambda: app.current_view() == ("interview", "false") and stage(app) == expected, "")
    except TimeoutException:
        errors = visible_errors(app, "#interview-form")
        raise AssertionError(
            f"the interview's stage is {stage(app)!r}, not {expected!r}; "
            f"errors: {errors}, toast: {app.toast()!r}"
        ) from None


def step_forward(app: App, expected: str) -> None:
    app.click("#stage-forward")
    wait_stage(app, expected)


def schedule(app: App, start: datetime, minutes: int | None = None) -> None:
    """Takes a new interview (stage Identified, its page shown) through the method to Scheduled
    at `start`, `minutes` long: live mode is offered from there on."""
    for expected in ("connection_requested", "connected", "interview_requested"):
        step_forward(app, expected)
    app.fill("#interview-scheduled_local", start.strftime("%Y-%m-%dT%H:%M"))
    if minutes is not None:
        app.fill("#interview-planned_minutes", str(minutes))
    app.click("#interview-save")
    app.wait(lambda: app.toast() == "Saved", f"the interview was not saved; toast: {app.toast()!r}")
    wait_stage(app, "interview_requested")
    step_forward(app, "scheduled")


def card(app: App, interview_id: int) -> WebElement:
    return app.find(f'#pipeline-board .pipeline-card[data-id="{interview_id}"]')


def card_column(app: App, interview_id: int) -> str | None:
    """The stage of the pipeline column holding the interview's card."""
    return app.driver.execute_script(
        "const card = document.querySelector(`#pipeline-board .pipeline-card[data-id='${arguments[0]}']`);"
        "return card?.closest('.stage-column')?.dataset.stage ?? null;",
        interview_id,
    )


def wait_card_in(app: App, interview_id: int, column: str) -> None:
    try:
        app.wait(
            lambda: app.current_view() == ("pipeline", "false")
            and card_column(app, interview_id) == column,
            "",
        )
    except TimeoutException:
        raise AssertionError(
            f"interview {interview_id}'s card is in column {card_column(app, interview_id)!r}, "
            f"not {column!r}; toast: {app.toast()!r}"
        ) from None


def focused_card_id(app: App) -> str | None:
    return app.driver.execute_script(
        "const el = document.activeElement;"
        "return el?.classList.contains('pipeline-card') ? el.dataset.id : null;"
    )
