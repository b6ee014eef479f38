"""Target fields and organisations (issue 10), in the real window: an insight noted in two
interviews with two people in one field appears once on that field's board, marked as said by
both, with both sources (a click opens the interview); why the user wants the field saves itself;
on the Organisations screen, Motivation and Posting typed and stepped with the arrow keys reorder
the LAMP list at once, and a person added at an organisation raises its Advocacy.
"""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

from selenium.webdriver.common.keys import Keys

from flows import add_person, id_from_hash, step_forward, wait_stage
from harness import App, app_windows

FIELD = "Service design"


def go_to(app: App, hash_: str, view: str) -> None:
    app.driver.execute_script("location.hash = arguments[0]", hash_)
    app.wait(lambda: app.current_view() == (view, "false"),
             f"view {view!r} did not render; it is {app.current_view()}")


def done_interview_with_insight(app: App, person: int, text: str) -> int:
    """A new interview with `person`, met yesterday, with `text` noted as a qualification."""
    go_to(app, f"#/people/{person}", "person")
    app.click("#new-interview")
    interview = id_from_hash(app, r"#/interviews/(\d+)")
    wait_stage(app, "identified")
    for expected in ("connection_requested", "connected", "interview_requested"):
        step_forward(app, expected)
    app.fill("#interview-scheduled_local", (date.today() - timedelta(days=1)).strftime("%Y-%m-%dT10:00"))
    app.click("#interview-save")
    app.wait(lambda: app.toast() == "Saved", f"not saved; toast: {app.toast()!r}")
    wait_stage(app, "interview_requested")
    step_forward(app, "scheduled")
    step_forward(app, "done")
    app.fill("#insight-category", "qualification")
    app.fill("#insight-text", text)
    app.click("#insight-add")
    app.wait(lambda: len(app.find_all("#insights .insight")) == 1, f"insight {text!r} not added")
    return interview


def lamp_order(app: App, *names: str) -> list[str]:
    """The organisations `names` in the order the LAMP list shows them."""
    shown = app.driver.execute_script(
        "return [...document.querySelectorAll('#lamp-rows tr')].map((tr) => tr.querySelector('.lamp-name').textContent)")
    return [name for name in shown if name in names]


def lamp_row(app: App, name: str) -> dict:
    return app.driver.execute_script("""
        const tr = [...document.querySelectorAll('#lamp-rows tr')]
          .find((row) => row.querySelector('.lamp-name').textContent === arguments[0]);
        return { id: tr.dataset.id, rank: Number(tr.dataset.rank), top: tr.classList.contains('top'),
                 advocacy: tr.querySelector('.lamp-advocacy').textContent };
    """, name)


def test_an_insight_said_twice_shows_once_with_both_sources_and_lamp_reorders_by_keyboard(app: App):
    lena = add_person(app, "Lena Fischer", organisation="Northwind Studio", field=FIELD)
    omar = add_person(app, "Omar Haddad", organisation="Contoso Labs", field=FIELD)
    first = done_interview_with_insight(app, lena, "Knowing SQL helps.")
    second = done_interview_with_insight(app, omar, "knowing  sql helps")

    # The Fields screen lists the field; its board gathers the two sayings into one.
    app.go("fields")
    link = next(a for a in app.find_all("#fields-list a") if a.text == FIELD)
    app.click(link)
    app.wait_view("field")
    items = app.find_all("#board-qualification .board-item")
    assert [i.find_element("css selector", ".board-text").text for i in items] == ["Knowing SQL helps."]
    item = items[0]
    assert item.get_attribute("data-people") == "2"
    assert "shared" in item.get_attribute("class")
    assert app.find(".shared-badge", item).text == "Said by 2 people"
    sources = app.find_all(".sources a", item)
    assert [(s.get_attribute("data-interview"), s.text.split(",")[0]) for s in sources] == [
        (str(first), "Lena Fischer"), (str(second), "Omar Haddad")]
    app.screenshot("field-board-light")

    # Why the user wants it saves itself, and is there when the page is opened again.
    app.fill("#field-why", "I like making services people can find their way through.")
    app.wait(lambda: app.find("#field-status").text.startswith("Saved"),
             f"why was not saved: {app.find('#field-status').text!r}")
    field_hash = app.hash()
    app.click(app.find_all(".sources a", app.find("#board-qualification .board-item"))[1])
    app.wait_view("interview")
    assert app.hash() == f"#/interviews/{second}"
    go_to(app, field_hash, "field")
    assert app.find("#field-why").get_property("value") == \
        "I like making services people can find their way through."

    # LAMP: the scores typed in place reorder the list.
    orgs = ("Northwind Studio", "Contoso Labs")
    app.go("organisations")
    app.fill("#lamp-motivation-" + lamp_row(app, "Contoso Labs")["id"], "3")
    app.fill("#lamp-posting-" + lamp_row(app, "Contoso Labs")["id"], "2")
    app.wait(lambda: lamp_row(app, "Contoso Labs")["rank"] == 1, "Contoso Labs (3, 2) did not go first")
    northwind = lamp_row(app, "Northwind Studio")["id"]
    app.fill(f"#lamp-motivation-{northwind}", "3")
    app.fill(f"#lamp-posting-{northwind}", "2")
    app.wait(lambda: app.find("#lamp-status").text.startswith("Saved"), "the scores were not saved")
    # A tie on Motivation, Posting and Advocacy (one person each): by name.
    assert lamp_order(app, *orgs) == ["Contoso Labs", "Northwind Studio"]
    posting = app.find(f"#lamp-posting-{northwind}")
    posting.send_keys(Keys.ARROW_UP)
    app.wait(lambda: lamp_order(app, *orgs) == ["Northwind Studio", "Contoso Labs"],
             f"Posting 3 did not move Northwind Studio first: {lamp_order(app, *orgs)}")
    assert posting.get_property("value") == "3"
    assert app.focused() == posting, "the focus left the Posting box when its row moved"
    assert lamp_row(app, "Northwind Studio") == {
        "id": northwind, "rank": 1, "top": True, "advocacy": "Yes, 1 person"}
    # Each organisation shows its people and their interviews, to open.
    links = [(a.get_attribute("href").split("#")[-1], a.text)
             for a in app.find_all(f'#lamp-rows tr[data-id="{northwind}"] .lamp-people a')]
    assert links == [(f"/people/{lena}", "Lena Fischer"), (f"/interviews/{first}", "Interview: Done")]
    app.screenshot("organisations-light")

    # A second person at Contoso Labs: its Advocacy rises, and it wins the tie again.
    add_person(app, "Pia Lund", organisation="Contoso Labs")
    app.go("organisations")
    assert lamp_row(app, "Contoso Labs")["advocacy"] == "Yes, 2 people"
    posting = app.find(f"#lamp-posting-{northwind}")
    app.focus(posting)
    posting.send_keys(Keys.ARROW_DOWN)
    app.wait(lambda: lamp_order(app, *orgs) == ["Contoso Labs", "Northwind Studio"],
             f"Advocacy 2 did not put Contoso Labs first: {lamp_order(app, *orgs)}")
    app.wait(lambda: app.find("#lamp-status").text.startswith("Saved"), "the score was not saved")
    app.go("organisations")
    assert lamp_order(app, *orgs) == ["Contoso Labs", "Northwind Studio"]
    assert app.find(f"#lamp-posting-{northwind}").get_property("value") == "2"

    # The smallest window: the screens still read.
    window = app_windows(visible_only=True)[0]
    subprocess.run(["xdotool", "windowsize", window, "760", "520"], check=True, timeout=10)
    app.wait(lambda: app.driver.execute_script("return [innerWidth, innerHeight]") == [760, 520],
             "the window did not shrink to 760 x 520")
    app.screenshot("organisations-light-small")
    go_to(app, field_hash, "field")
    app.screenshot("field-board-light-small")
    app.go("fields")
    app.screenshot("fields-light-small")
