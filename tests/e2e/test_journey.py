"""A user's first days with Coffee Chat, in order: add people, run an interview through the
pipeline, search, make mistakes in the form, restart the app, and look at every page.

The tests share the run's data folder. Later tests look for what earlier ones created by name
(Dana Whitfield, the person named like markup), so run the file as a whole; a test that finds
what it needs missing fails and says so.
"""

from datetime import date, timedelta

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.keys import Keys

from flows import (
    add_person,
    assert_next_to,
    card,
    dialog_open,
    ensure_person,
    focused_card_id,
    id_from_hash,
    open_person,
    open_person_form,
    people_rows,
    reload_people,
    search_people,
    stage,
    step_forward,
    wait_card_in,
    wait_stage,
)
from harness import SCREENSHOTS

MARKUP_NAME = "<img src=x onerror=alert(1)>"
MARKUP_FIELDS = {
    "organisation": "Acme Robotics",
    "notes": "Quiet but kind; met at the data meetup in March. Ask about warehouse robots.",
}
DANA = "Dana Whitfield"
DANA_FIELDS = {"organisation": "Northwind Health", "title": "UX Researcher"}


def assert_no_alert(app):
    try:
        text = app.driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"an alert is open: {text!r} (markup in a name was run as HTML)")


def test_a_name_that_looks_like_markup_is_shown_as_text(app):
    add_person(app, MARKUP_NAME, **MARKUP_FIELDS)

    assert app.find("h1#person-heading").text == MARKUP_NAME
    page = app.find("main#view")
    assert not app.find_all("main#view img"), "the person page contains an <img>"
    assert MARKUP_FIELDS["organisation"] in page.text, "the organisation is not on the page"
    assert "met at the data meetup" in page.text, "the notes are not on the page"
    assert_no_alert(app)

    rows = reload_people(app)
    assert MARKUP_NAME in rows, f"the People list shows {sorted(rows)}"
    assert len(rows[MARKUP_NAME]) == 1
    link = app.find(".person-name", rows[MARKUP_NAME][0])
    assert link.text == MARKUP_NAME
    assert not app.find_all("#people-list img"), "the People list contains an <img>"
    assert_no_alert(app)


def test_b_interview_moves_through_the_stages(app):
    add_person(app, DANA, **DANA_FIELDS)
    app.click("#new-interview")
    interview_id = id_from_hash(app, r"#/interviews/(\d+)")
    app.wait_view("interview")
    assert app.find("#interview-page")
    assert stage(app) == "identified"
    planned = app.find("#interview-planned_minutes").get_property("value")
    assert planned == "20", f"a new interview plans {planned!r} minutes, not 20"

    for expected in ("connection_requested", "connected", "interview_requested"):
        step_forward(app, expected)

    # Scheduled needs a time: the error shows next to the time field and nothing moves.
    app.click("#stage-forward")
    message = app.wait_field_error("scheduled_local", within="#interview-form")
    assert message, "the error next to the scheduled time is empty"
    assert_next_to(
        app,
        app.field_error("scheduled_local", within="#interview-form"),
        app.find("#interview-scheduled_local"),
    )
    wait_stage(app, "interview_requested")

    when = (date.today() + timedelta(days=1)).strftime("%Y-%m-%dT10:30")
    app.fill("#interview-scheduled_local", when)
    app.click("#interview-save")
    app.wait(lambda: app.toast() == "Saved", f"no 'Saved' toast after saving; toast: {app.toast()!r}")
    app.wait_view("interview")
    app.wait(
        lambda: app.find("#interview-scheduled_local").get_property("value") == when,
        f"the saved time {when} is not in the form after saving",
    )
    assert not app.field_error("scheduled_local", within="#interview-form").text.strip(), (
        "the error next to the scheduled time is still shown after a successful save"
    )

    step_forward(app, "scheduled")
    step_forward(app, "done")

    # The board shows it under Done; the keyboard moves it back and forth.
    app.go("pipeline")
    assert app.find("#pipeline-page")
    wait_card_in(app, interview_id, "done")
    assert app.find(".card-name", card(app, interview_id)).text == DANA

    app.focus(card(app, interview_id))
    assert focused_card_id(app) == str(interview_id), "the card cannot take the focus"
    app.press(Keys.ARROW_LEFT)
    wait_card_in(app, interview_id, "scheduled")
    app.wait(
        lambda: focused_card_id(app) == str(interview_id),
        "the moved card does not have the focus after ArrowLeft",
    )
    app.press(Keys.ARROW_RIGHT)
    wait_card_in(app, interview_id, "done")
    app.wait(
        lambda: focused_card_id(app) == str(interview_id),
        "the moved card does not have the focus after ArrowRight",
    )

    app.press(Keys.ENTER)
    app.wait_view("interview")
    assert app.hash() == f"#/interviews/{interview_id}"
    assert stage(app) == "done"


def test_b2_pipeline_card_buttons_move_the_card(app):
    add_person(app, "Pipeline Pat Okafor", organisation="Globex")
    app.click("#new-interview")
    interview_id = id_from_hash(app, r"#/interviews/(\d+)")
    wait_stage(app, "identified")

    app.go("pipeline")
    wait_card_in(app, interview_id, "identified")
    assert app.find(".card-back", card(app, interview_id)).get_property("disabled"), (
        "the first stage's card can be moved back"
    )
    app.find(".card-forward", card(app, interview_id)).click()
    wait_card_in(app, interview_id, "connection_requested")
    app.find(".card-back", card(app, interview_id)).click()
    wait_card_in(app, interview_id, "identified")


def test_c_people_search_as_you_type(app):
    ensure_person(app, MARKUP_NAME, **MARKUP_FIELDS)
    ensure_person(app, DANA, **DANA_FIELDS)
    app.go("people")

    rows = search_people(app, "acme")
    assert MARKUP_NAME in rows, f"'acme' (organisation) does not find the person: {sorted(rows)}"
    assert DANA not in rows, f"'acme' finds {DANA}"

    rows = search_people(app, "data meet")
    assert MARKUP_NAME in rows, f"'data meet' (notes) does not find the person: {sorted(rows)}"
    assert DANA not in rows, f"'data meet' finds {DANA}"

    rows = search_people(app, "whitf")
    assert list(rows) == [DANA], f"'whitf' finds {sorted(rows)}"

    rows = search_people(app, "")
    assert {MARKUP_NAME, DANA} <= set(rows), f"clearing the search shows {sorted(rows)}"


def test_d_person_form_refuses_an_empty_or_too_long_name(app):
    before = reload_people(app)

    open_person_form(app)
    app.click("#person-save")
    message = app.wait_field_error("name", within="#person-form")
    assert "required" in message.lower(), f"the empty-name error says {message!r}"
    name_input = app.find("#person-name")
    assert name_input.get_attribute("aria-invalid") == "true"
    assert_next_to(app, app.field_error("name", within="#person-form"), name_input)
    assert dialog_open(app), "the dialog closed although the name is empty"
    app.click("#person-cancel")
    app.wait(lambda: not dialog_open(app), "Cancel did not close the dialog")

    too_long = ("Bartholomew Longname-Validation " * 4)[:121]
    assert len(too_long) == 121
    open_person_form(app)
    app.fill("#person-name", too_long)
    app.click("#person-save")
    message = app.wait_field_error("name", within="#person-form")
    assert "120" in message, f"the too-long error does not say the limit: {message!r}"
    assert app.find("#person-name").get_attribute("aria-invalid") == "true"
    assert dialog_open(app), "the dialog closed although the name is too long"
    app.click("#person-cancel")
    app.wait(lambda: not dialog_open(app), "Cancel did not close the dialog")

    after = reload_people(app)
    assert sorted(after) == sorted(before), "refused names were added to the People list"

    # The limit itself is allowed.
    longest = too_long[:120]
    add_person(app, longest)
    assert longest in reload_people(app)


def test_e_data_is_still_there_after_a_restart(app):
    def check():
        rows = reload_people(app)
        assert MARKUP_NAME in rows, f"the markup-named person is gone: {sorted(rows)}"
        assert DANA in rows, f"{DANA} is gone: {sorted(rows)}"
        open_person(app, DANA)
        links = app.find_all("#person-interviews a.interview-link")
        assert len(links) == 1, f"{DANA} has {len(links)} interviews"
        links[0].click()
        app.wait_view("interview")
        assert stage(app) == "done", f"{DANA}'s interview is at {stage(app)!r}, not done"

    check()
    app.restart()
    assert app.wait_ready() == "today"
    check()


def test_f_screenshots_of_every_page(app, data_home):
    app.go("today")
    assert app.find("#today-page")
    assert not app.exists("#today-welcome"), "Today still shows the welcome with people added"
    assert app.exists("#today-scheduled") and app.exists("#today-reminders")
    app.screenshot("today")

    app.go("people")
    assert len(people_rows(app)) >= 2
    app.screenshot("people")

    open_person(app, DANA)
    app.screenshot("person")
    app.find("#person-interviews a.interview-link").click()
    app.wait_view("interview")
    app.screenshot("interview")

    app.go("pipeline")
    app.wait(lambda: app.find_all(".pipeline-card"), "the pipeline shows no card")
    app.screenshot("pipeline")

    app.go("settings")
    folder = app.find("#data-folder").text
    assert folder.startswith(str(data_home)), (
        f"Settings shows the data in {folder!r}, not under this run's {data_home}"
    )
    assert app.exists("#default-planned-minutes") and app.exists("#settings-save")
    assert app.exists("#trash-list")
    app.screenshot("settings")

    # Every view's screenshot is a real image of the window, not an empty frame.
    for name in ("today", "people", "person", "interview", "pipeline", "settings"):
        path = SCREENSHOTS / f"{name}.png"
        assert path.stat().st_size > 10_000, f"{path} is suspiciously small"


def test_g_deleted_person_can_be_restored_from_the_trash(app):
    name = "Trash Tess Lindqvist"
    add_person(app, name, organisation="Initech")
    app.click("#delete-person")
    app.wait(
        lambda: app.driver.execute_script("return document.getElementById('confirm-dialog').open"),
        "deleting asks for no confirmation in #confirm-dialog",
    )
    app.click("#confirm-ok")
    app.wait_view("people")
    assert name not in reload_people(app), "the deleted person is still in the People list"

    app.go("settings")
    items = [item for item in app.find_all("#trash-list .trash-item") if name in item.text]
    assert len(items) == 1, f"the trash does not list {name!r} once: {[i.text for i in app.find_all('#trash-list .trash-item')]}"
    app.click(app.find("button.restore", items[0]))
    app.wait(
        lambda: not [i for i in app.find_all("#trash-list .trash-item") if name in i.text],
        f"{name!r} is still in the trash after Restore",
    )
    assert name in reload_people(app), "the restored person is not back in the People list"


def test_h_default_planned_length_applies_to_new_interviews(app):
    app.go("settings")
    app.fill("#default-planned-minutes", "25")
    app.click("#settings-save")
    app.restart()
    app.wait_ready()
    app.go("settings")
    assert app.find("#default-planned-minutes").get_property("value") == "25", (
        "the default planned length was not kept across a restart"
    )

    add_person(app, "Settings Sam Oduya")
    app.click("#new-interview")
    app.wait_view("interview")
    planned = app.find("#interview-planned_minutes").get_property("value")
    assert planned == "25", f"a new interview plans {planned!r} minutes, not the default 25"

    app.go("settings")
    app.fill("#default-planned-minutes", "20")
    app.click("#settings-save")
