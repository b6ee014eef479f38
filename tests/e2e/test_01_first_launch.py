"""The very first launch: a window titled Coffee Chat, and Today's welcome while there is no one
in the app yet. This file runs first, on the run's still empty data folder."""

import json
from pathlib import Path

from harness import WINDOW_TITLE, app_windows

CONFIG = json.loads((Path(__file__).parents[2] / "tauri.conf.json").read_text())
DATABASE = "coffeechat.sqlite3"


def test_first_launch_shows_the_welcome_on_today(launch, data_home):
    app_data = data_home / CONFIG["identifier"]
    assert not (app_data / DATABASE).exists(), (
        f"{app_data / DATABASE} exists before the first launch: this test must run first, "
        "on a fresh data folder (run the whole suite through scripts/test-e2e.sh)"
    )

    app = launch()
    assert app.wait_ready() == "today", "the app does not open on Today"
    welcome = app.wait_visible("#today-welcome")
    assert welcome.text.strip(), "the welcome on Today is empty"
    assert app.exists("#today-page")
    assert (app_data / DATABASE).exists(), f"no database was created in {app_data}"
    app.screenshot("today-first-launch")


def test_window_opens_titled_coffee_chat(launch):
    app = launch()
    windows = app.wait(
        lambda: app_windows(visible_only=True),
        f"no visible X window named {WINDOW_TITLE!r} on the test display",
        timeout=20,
    )
    assert len(windows) == 1, f"expected one window named {WINDOW_TITLE!r}, found {windows}"
    # The page's own title names the view too ("Today — Coffee Chat").
    app.wait(
        lambda: app.driver.title.endswith(WINDOW_TITLE),
        f"the document title {app.driver.title!r} does not end with {WINDOW_TITLE!r}",
    )
    app.screenshot("window")
