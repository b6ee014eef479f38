"""The words the user sends, in the real window (issue 11, points 1, 3 and 4): with no name or
background yet, the request asks who is writing and will not be marked sent with "[your name]" in
it unless the user confirms; filling the question in signs the draft; the checker flags two job
asks in one message and turns green again once they are gone; an edited subject survives "Mark
request sent", and an edited thank-you note survives a restart and is what the mail app gets.

Screenshots (target/e2e-screenshots/messages-*) name the theme, so a run with
GTK_THEME=Adwaita:dark gives the dark ones.
"""

from __future__ import annotations

import os
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

from flows import add_person, id_from_hash, step_forward, wait_stage
from selenium.common.exceptions import StaleElementReferenceException

from harness import App, app_windows

PERSON = "Inês Carvalho"
HOW_MET = "Alumni group (Waterloo)"
MY_NAME = "Robin Vale"
BACKGROUND = "ten years of nursing"
SUBJECT = "Advice on service design, from a fellow Waterloo alum"
TWO_ASKS = (
    "Hi Inês,\n\nWe're both in the Alumni group (Waterloo). Is your team recruiting? "
    "Could you forward my resume?\n\nRobin"
)
THANKS = "Hi Inês,\n\nYour tip about shadowing a nurse-led service changed my plan.\n\nRobin"
OPENED = Path(os.environ.get("COFFEECHAT_E2E_OPENED", "/nonexistent"))


def theme(app: App) -> str:
    dark = app.driver.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
    return "dark" if dark else "light"


def shoot(app: App, name: str, css: str) -> None:
    """A screenshot with `css` scrolled to the top of the page, at the normal and the smallest
    window size."""
    window = app_windows(visible_only=True)[0]
    geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window], check=True,
                              timeout=10, capture_output=True, text=True).stdout
    normal = dict(line.split("=", 1) for line in geometry.split())
    for size in ("normal", "min"):
        if size == "min":
            subprocess.run(["xdotool", "windowsize", window, "760", "520"], check=True, timeout=10)
            time.sleep(0.8)
        app.driver.execute_script("document.querySelector(arguments[0]).scrollIntoView()", css)
        app.screenshot(f"messages-{name}-{theme(app)}-{size}")
    subprocess.run(["xdotool", "windowsize", window, normal["WIDTH"], normal["HEIGHT"]], check=True, timeout=10)
    time.sleep(0.8)


def value(app: App, css: str) -> str:
    """The value of a field, found afresh: the page re-renders after a save or a stage move."""
    return _retry(lambda: app.find(css).get_property("value"))


def paste(app: App, css: str, text: str) -> None:
    _retry(lambda: app.set_value(app.find(css), text))


def _retry(action):
    """Runs `action` again when the page re-rendered under it (a stale element)."""
    for attempt in range(5):
        try:
            return action()
        except StaleElementReferenceException:
            if attempt == 4:
                raise
            time.sleep(0.3)


def confirm_open(app: App) -> bool:
    return app.driver.execute_script("return document.getElementById('confirm-dialog')?.open === true")


def job_rule(app: App) -> tuple[str | None, str]:
    """Whether the checker's "advice, not a job" rule is kept, and what it says, read in one go
    (the list is rebuilt as the user types)."""
    found = app.driver.execute_script(
        "const item = document.querySelector("
        "'#request-check .check-item[data-rule=\"asks_for_advice_not_job\"]');"
        "return item ? [item.dataset.ok, item.textContent] : [null, ''];"
    )
    return found[0], found[1]


def test_the_words_the_user_sends(app):
    # A user who has not said who they are (the profile is emptied: other tests set it).
    app.go("settings")
    app.fill("#profile-my_name", "")
    app.fill("#profile-background", "")
    app.click("#profile-save")
    app.wait(lambda: "Saved" in app.toast(), f"the profile was not saved: {app.toast()!r}")

    add_person(app, PERSON, organisation="Tidewater Health", field="Service design", how_met=HOW_MET)
    app.click("#new-interview")
    interview = id_from_hash(app, r"#/interviews/(\d+)")
    wait_stage(app, "identified")

    # The request reads naturally with what the user typed, and says what it lacks.
    draft = value(app, "#interview-request_message")
    assert draft.startswith("Hi Inês,\n\nWe're both in the Alumni group (Waterloo). I hope to move from"), draft
    assert draft.endswith("[your name]"), draft
    missing = app.wait_visible("#request-missing").text
    assert "your name" in missing and "your background" in missing, missing
    app.wait_visible("#request-about-you")
    shoot(app, "request-asks", "#request-card")

    # Marking it sent with "[your name]" in it asks first; "Go back" leaves it unsent.
    app.click("#request-sent")
    app.wait(lambda: confirm_open(app), "marking a draft with [your name] sent did not ask first")
    assert "[your name]" in app.find("#confirm-text").text
    app.click("#confirm-cancel")
    app.wait(lambda: not confirm_open(app), "the question did not close")
    wait_stage(app, "identified")

    # Filling in the question signs the draft; it is not asked again.
    app.fill("#request-my_name", MY_NAME)
    app.fill("#request-background", BACKGROUND)
    app.click("#request-about-you-save")
    app.wait(
        lambda: value(app, "#interview-request_message").endswith(f"Thank you,\n{MY_NAME}"),
        "the draft is not signed with the name typed in",
    )
    signed = value(app, "#interview-request_message")
    assert f"I hope to move from {BACKGROUND} into Service design" in signed, signed
    assert not app.exists("#request-about-you"), "the question is still asked once answered"
    assert not app.find("#request-missing").is_displayed(), app.find("#request-missing").text

    # Two job asks in one message are both flagged, and the green verdict returns without them.
    paste(app, "#interview-request_message", TWO_ASKS)
    app.wait(lambda: job_rule(app)[0] == "false", "two job asks are not flagged")
    said = job_rule(app)[1]
    assert '"Is your team recruiting?"' in said and '"forward my resume?"' in said, said
    shoot(app, "request-two-asks", "#request-card")
    paste(app, "#interview-request_message", signed)
    app.wait(lambda: job_rule(app)[0] == "true", f"the verdict did not turn green: {job_rule(app)[1]!r}")

    # An edited subject survives "Mark request sent" (which re-renders the page) and a restart.
    app.fill("#request-subject", SUBJECT)
    app.wait(lambda: "Saved" in app.find("#request-subject-status").text, "the subject was not saved")
    app.click("#request-sent")
    wait_stage(app, "interview_requested")
    assert not confirm_open(app), "a signed request asked before being marked sent"
    assert value(app, "#request-subject") == SUBJECT

    # After the interview, the thank-you note is edited in the window and kept.
    app.fill("#interview-scheduled_local", (datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    app.click("#interview-save")
    app.wait(lambda: app.toast() == "Saved", f"the interview was not saved; toast: {app.toast()!r}")
    step_forward(app, "scheduled")
    step_forward(app, "done")
    app.wait_visible("#thank-you-body")
    assert "What you told me — “[a specific thing they said]” — has stayed with me" in value(app, "#thank-you-body")
    paste(app, "#thank-you-body", THANKS)
    app.wait(lambda: "Saved" in app.find("#thank-you-status").text, "the edited thank-you was not saved")

    app.restart()
    app.driver.execute_script("location.hash = arguments[0]", f"#/interviews/{interview}")
    app.wait(lambda: app.current_view() == ("interview", "false"), "the interview page did not open")
    app.wait_visible("#thank-you-body")
    assert value(app, "#thank-you-body") == THANKS
    assert value(app, "#request-subject") == SUBJECT
    assert app.exists("#thank-you-edited"), "the page does not say the note was edited"
    shoot(app, "thank-you-edited", "#thank-you")

    before = len(OPENED.read_text().splitlines()) if OPENED.exists() else 0
    app.click("#thank-you-open")
    app.wait(lambda: OPENED.exists() and len(OPENED.read_text().splitlines()) > before,
             "the thank-you note was not handed to the mail app")
    url = OPENED.read_text().splitlines()[-1]
    assert unquote(url.split("&body=", 1)[1]) == THANKS.replace("\n", "\r\n"), url
