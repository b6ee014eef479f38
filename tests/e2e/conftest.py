"""Fixtures for the end-to-end tests. Run them through scripts/test-e2e.sh, which builds the app
and provides Xvfb, a private session bus, temporary XDG folders and tauri-driver.

All tests of a run share one data folder (tauri-driver's environment cannot change between
tests), so each test works with people of its own, named uniquely, and the files are named so
that pytest runs them in the order of a user's first days with the app.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop import Dunst, Tray
from harness import APP, App, app_processes, app_windows

DATA_HOME = Path(os.environ.get("XDG_DATA_HOME", "/nonexistent"))
# Where each run's dunst and tray watcher write their logs.
LOGS = Path(os.environ.get("COFFEECHAT_E2E_SCREENSHOTS", "target/e2e-screenshots")).parent / "e2e-logs"
# Where the app remembers its window's place and size (tauri-plugin-window-state).
WINDOW_STATE = Path(os.environ.get("XDG_CONFIG_HOME", "/nonexistent")) / "org.coffeechat.desktop" / ".window-state.json"


def pytest_configure(config):
    # The app writes into XDG_DATA_HOME: refuse to run against a real home folder.
    if not os.environ.get("COFFEECHAT_E2E_INNER"):
        pytest.exit("run the end-to-end tests through scripts/test-e2e.sh", returncode=2)
    if not APP or not Path(APP).is_file():
        pytest.exit(f"the app binary {APP!r} does not exist; run cargo build", returncode=2)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item, so fixtures can see whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def launch(request):
    """Launches the app (a new WebDriver session) and returns it; any number of times per test.
    Every app a test launched is screenshotted if the test failed and is quit afterwards."""
    apps: list[App] = []

    def _launch() -> App:
        # Every test opens the window where a new user's opens (1120 x 740, centred), not
        # where an earlier test left it (at 760 x 520, say); app.restart() keeps it.
        WINDOW_STATE.unlink(missing_ok=True)
        app = App().start()
        apps.append(app)
        return app

    yield _launch

    report = getattr(request.node, "report_call", None)
    for number, app in enumerate(apps):
        if app.driver is None:
            continue
        if report is not None and report.failed:
            # Tells a failing app from a lost WebDriver session ("page crash or hang").
            print(f"app processes: {app_processes() or 'none'}; windows: {app_windows() or 'none'}")
            suffix = f"-{number}" if len(apps) > 1 else ""
            try:
                app.screenshot(f"FAILED-{request.node.name}{suffix}")
            except Exception as error:  # The app may be the thing that broke.
                print(f"no screenshot of the failure: {error}")
        app.quit()


@pytest.fixture
def app(launch) -> App:
    """The app, freshly launched on this run's data, with its first view rendered."""
    app = launch()
    app.wait_ready()
    return app


@pytest.fixture
def data_home() -> Path:
    """XDG_DATA_HOME of this run: where the app keeps its database."""
    return DATA_HOME


@pytest.fixture(scope="module")
def desktop():
    """A real notification server (dunst) and a tray watcher for the whole module, as
    `(dunst, tray)`; tests that need them gone stop them."""
    LOGS.mkdir(parents=True, exist_ok=True)
    dunst = Dunst(log_dir=LOGS)
    tray = Tray(log_dir=LOGS)
    dunst.start()
    tray.start_watcher()
    yield dunst, tray
    tray.stop()
    dunst.stop()
