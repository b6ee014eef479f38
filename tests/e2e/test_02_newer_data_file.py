"""A data file written by a newer Coffee Chat is refused with a message that says so, and left
byte-for-byte untouched. It needs a data folder of its own, so it runs the app under a second
tauri-driver whose environment points at a fresh folder."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from harness import App, app_processes

IDENTIFIER = "org.coffeechat.desktop"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def newer_data_app(tmp_path):
    """The app launched on a data folder whose database says it is schema version 99."""
    data_home = tmp_path / "data"
    database = data_home / IDENTIFIER / "coffeechat.sqlite3"
    database.parent.mkdir(parents=True)
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO people (name) VALUES ('Written by version 99')")
        conn.execute("PRAGMA user_version = 99")
    conn.close()

    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    port, native = free_port(), free_port()
    driver = subprocess.Popen(
        ["tauri-driver", "--port", str(port), "--native-port", str(native),
         "--native-driver", "/usr/bin/WebKitWebDriver"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        app = App(driver_url=f"http://127.0.0.1:{port}").start()
        yield app, database
        try:
            app.driver.quit()
        except Exception as error:  # The report is the test's, not the teardown's.
            print(f"ending the session failed: {error}")
        app.driver = None
    finally:
        # SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver and the app with it.
        driver.send_signal(signal.SIGTERM)
        driver.wait(timeout=15)
        # The next tests screenshot "the" app window: this app must be gone before they start.
        deadline = time.monotonic() + 15
        while app_processes(str(data_home)) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in app_processes(str(data_home)):
            os.kill(int(pid), signal.SIGTERM)
        deadline = time.monotonic() + 5
        while app_processes(str(data_home)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not app_processes(str(data_home)), "the app on the newer data file would not stop"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_newer_data_file_is_refused_and_left_untouched(newer_data_app):
    app, database = newer_data_app
    before = digest(database)

    app.wait(
        lambda: app.driver.execute_script("return document.body.dataset.view") == "open-error",
        "the app did not show that it cannot open the data file",
        timeout=20,
    )
    page = app.find("#open-error")
    assert "cannot open your data" in page.text
    assert "newer version of Coffee Chat" in page.text
    assert str(database) in page.text, "the message names the file"
    assert not app.find_all("#today-page, #people-page")
    app.screenshot("newer-data-file")

    assert digest(database) == before, "the newer data file was changed"
    assert not Path(f"{database}-wal").exists(), "a WAL file was created next to it"
