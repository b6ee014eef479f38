"""The data file going wrong, and the last rough edges in what the window shows (issue 9).

The data file: deleted while the app runs (the next save is refused and the window says so, with
a way to write the data back), held by another program (an exclusive SQLite lock; the window and
the tray say so, and the app opens it by itself once it is let go), damaged in the middle,
read-only, and a file that cannot be opened when the app starts hidden at login (one
notification). Each gets a data folder of its own, under a second tauri-driver whose
environment points at it (as test_02 does), so the run's shared data is never touched.

Then: the tray hammered with refreshes while "Launch at login" is toggled (the app stays
responsive), control characters refused next to their field and right-to-left names isolated
in the window and the tray, and dates shown on the local day in a time zone east of UTC
(Asia/Tokyo), from instants set in the file (a clock seam: nothing waits for real time).

Read-only, as root: chmod 0444 does not stop root, so the file is made immutable with
`chattr +i` (ext4 here); an ordinary user gets chmod 0444. SQLite then opens it for reading
only, which the app detects (`sqlite3_db_readonly`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import urllib3

from desktop import Tray
from flows import add_person, assert_next_to, dialog_open, id_from_hash, open_person_form, step_forward
from harness import APP, App, app_processes, app_windows, end_resident, resident_processes

IDENTIFIER = "org.coffeechat.desktop"
LOGS = Path(os.environ.get("COFFEECHAT_E2E_SCREENSHOTS", "target/e2e-screenshots")).parent / "e2e-logs"
CANT_OPEN = "Coffee Chat can't open your data"
FSI, PDI = "\u2068", "\u2069"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_in(data_home: Path) -> Path:
    return data_home / IDENTIFIER / "coffeechat.sqlite3"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wait_until(condition, message: str, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.1)


def wait_gone(data_home: Path) -> None:
    """Waits until no app runs on `data_home` (SIGTERM after 15 s)."""
    deadline = time.monotonic() + 15
    while app_processes(str(data_home)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in app_processes(str(data_home)):
        os.kill(int(pid), signal.SIGTERM)
    wait_until(lambda: not app_processes(str(data_home)), "the app would not stop", 10)


@pytest.fixture
def own_app(tmp_path):
    """Launches the app on a data folder of its own: `own_app(env=…)` returns (App, data home).
    Each call quits the app launched before it and reuses its data folder."""
    data_home = tmp_path / "data"
    data_home.mkdir()
    running: dict = {}

    def stop() -> None:
        app, driver = running.pop("app", None), running.pop("driver", None)
        if app is not None and app.driver is not None:
            try:
                app.driver.quit()
            except Exception as error:  # The report is the test's, not the teardown's.
                print(f"ending the session failed: {error}")
            app.driver = None
        if driver is not None:
            # SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver and the app with it.
            driver.send_signal(signal.SIGTERM)
            driver.wait(timeout=15)
        wait_gone(data_home)
        # The window started a resident part on this folder, or found the run's running: the
        # next launch starts one on its own folder.
        end_resident()

    def launch(env: dict | None = None) -> tuple[App, Path]:
        # A new tauri-driver now and then drops the very first request (seen once in a few
        # dozen launches: "Remote end closed connection without response"); a second driver
        # on fresh ports then starts the app. A failure of the app itself fails every try.
        for attempt in range(3):
            try:
                return launch_once(env)
            except (ConnectionError, urllib3.exceptions.ProtocolError) as error:
                if attempt == 2:
                    raise
                print(f"tauri-driver dropped the new session ({error!r}); starting another")
        raise AssertionError("unreachable")

    def launch_once(env: dict | None = None) -> tuple[App, Path]:
        stop()
        environment = dict(os.environ, XDG_DATA_HOME=str(data_home), **(env or {}))
        port, native = free_port(), free_port()
        running["driver"] = subprocess.Popen(
            ["tauri-driver", "--port", str(port), "--native-port", str(native),
             "--native-driver", "/usr/bin/WebKitWebDriver"],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        app = App(driver_url=f"http://127.0.0.1:{port}").start()
        running["app"] = app
        return app, data_home

    launch.stop = stop
    launch.data_home = data_home
    yield launch
    stop()


def the_tray_item(tray: Tray) -> str:
    """The tray item of the one app running (an earlier app's may take a moment to go)."""
    wait_until(lambda: len(tray.items()) <= 1, f"several tray items: {tray.items()}", 15)
    return tray.wait_for_item(timeout=20)


def tray_lines(tray: Tray, item: str) -> list[str]:
    return [e["raw_label"] for e in tray.menu(item) if e["type"] != "separator"]


def wait_tray_first(tray: Tray, item: str, label: str, timeout: float = 20) -> list[str]:
    lines: list[str] = []

    def shows() -> bool:
        nonlocal lines
        lines = tray_lines(tray, item)
        return bool(lines) and lines[0] == label

    try:
        wait_until(shows, "", timeout)
    except AssertionError:
        raise AssertionError(f"the tray does not say {label!r} first: {lines}") from None
    return lines


def banner(app: App) -> str:
    found = app.find_all("#data-banner")
    return found[0].text if found else ""


def people_in(database: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM people ORDER BY id")]


def make_data(own_app, *names: str) -> Path:
    """Launches the app on the test's own folder, adds `names` through the window and quits.
    Returns the data file, complete (no -wal beside it)."""
    app, data_home = own_app()
    app.wait_ready()
    for name in names:
        add_person(app, name)
    own_app.stop()
    database = database_in(data_home)
    # The session's end kills the app: its last writes may still be in the -wal file. Closing
    # the last connection puts them in the file and removes the -wal.
    with contextlib.closing(sqlite3.connect(database)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert not Path(f"{database}-wal").exists()
    assert people_in(database) == list(names)
    return database


def wait_open_error(app: App, code: str, timeout: float = 30) -> str:
    def shown():
        return app.driver.execute_script(
            "const page = document.getElementById('open-error');"
            "return page && document.body.dataset.view === 'open-error' ? page.dataset.code : null;")
    try:
        app.wait(lambda: shown() == code, "", timeout)
    except Exception:
        raise AssertionError(f"the window does not show the open error {code!r}: {shown()!r}, "
                             f"view {app.current_view()}") from None
    return app.find("#open-error").text


# --- The data file --------------------------------------------------------------------------


def test_a_data_file_deleted_while_running_refuses_to_save_says_so_and_can_be_written_back(
    own_app, desktop
):
    _, tray = desktop
    app, data_home = own_app()
    database = database_in(data_home)
    app.wait_ready()
    add_person(app, "Kept Before The Delete")

    # Deleted in the file manager while the app runs (the -wal and -shm beside it stay).
    database.unlink()

    open_person_form(app)
    app.fill("#person-name", "Typed Into The Void")
    app.click("#person-save")
    app.wait(lambda: "moved or deleted" in banner(app), "no banner says the data file went away")
    assert dialog_open(app), "the form closed as if the person had been saved"
    assert app.toast() != "Saved", "the window said it saved"
    assert not database.exists(), "a file was written at the path"
    app.screenshot("data-file-deleted")
    assert app.find("#data-banner").get_attribute("data-code") == "data_file_gone"
    assert app.exists("#data-reattach") and app.exists("#data-show-folder")

    item = the_tray_item(tray)
    wait_tray_first(tray, item, "Coffee Chat can't save your data")

    # "Save my data here again": everything the app held is written back to its place.
    app.press("\ue00c")  # Escape closes the dialog (it asks first: the text is not saved).
    if app.exists("dialog#confirm-dialog[open]"):
        app.click("#confirm-ok")
    app.wait(lambda: not dialog_open(app), "the person dialog did not close")
    app.screenshot("data-file-deleted-banner")
    app.click("#data-reattach")
    app.wait(lambda: not app.exists("#data-banner"), "the banner stayed after writing the data back")
    assert "saved in its place again" in app.toast()
    assert people_in(database) == ["Kept Before The Delete"]
    add_person(app, "Typed Into The Void")
    wait_until(lambda: tray_lines(tray, item)[0] == "Nothing due",
               f"the tray still shows a problem: {tray_lines(tray, item)}", 15)

    app, _ = own_app()
    app.wait_ready()
    assert people_in(database) == ["Kept Before The Delete", "Typed Into The Void"]


def test_b_a_data_file_held_by_another_program_is_said_and_opens_when_let_go(own_app, desktop):
    _, tray = desktop
    database = make_data(own_app, "Held Person")
    # Another program holds the file: an exclusive transaction that does not end.
    holder = sqlite3.connect(database, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        app, _ = own_app()
        text = wait_open_error(app, "data_file_locked")
        assert "Coffee Chat cannot open your data" in text
        assert "Another program is holding your data file" in text
        assert "tries again by itself" in text
        assert str(database) in text
        assert app.exists("#data-retry") and app.exists("#data-show-folder")
        item = the_tray_item(tray)
        lines = wait_tray_first(tray, item, CANT_OPEN)
        assert "Nothing due" not in lines, lines
        app.screenshot("data-file-locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Let go: the app opens it by itself, without a click.
    app.wait(lambda: app.current_view()[0] == "today", "the app did not open the file once it was let go",
             timeout=30)
    app.go("people")
    assert app.find("#people-list .person-name").text == "Held Person"
    wait_tray_first(tray, item, "Nothing due")


def corrupt_the_middle(database: Path) -> None:
    """Overwrites one page in the middle of the file with garbage, as a failing disk might."""
    size = database.stat().st_size
    page = 4096
    assert size >= 8 * page, f"the data file is only {size} bytes"
    with open(database, "r+b") as file:
        file.seek(size // 2 // page * page)
        file.write(bytes([0xA5]) * page)


def test_c_a_damaged_data_file_is_refused_untouched_with_what_to_do(own_app, desktop):
    _, tray = desktop
    database = make_data(own_app, "Damaged Person")
    corrupt_the_middle(database)
    before = digest(database)

    app, _ = own_app()
    text = wait_open_error(app, "data_file_corrupt")
    assert "Your data file is damaged" in text
    assert "Restore a backup" in text
    assert app.exists("#data-show-folder")
    item = the_tray_item(tray)
    wait_tray_first(tray, item, CANT_OPEN)
    app.screenshot("data-file-damaged")
    assert digest(database) == before, "the damaged file was changed"


def test_c2_a_damaged_data_file_is_brought_back_from_its_daily_backup(own_app):
    database = make_data(own_app, "Rescued Person")
    backups = database.parent / "backups"
    assert any(backups.glob("coffeechat-*.sqlite3")), "the app made no backup at start"
    # The backup at start was taken before the person was added: add one more, by hand, so
    # the newest backup holds them (Back up now, as a careful user would).
    app, _ = own_app()
    app.wait_ready()
    app.driver.execute_script("location.hash = '#/data'")
    app.wait(lambda: app.current_view() == ("data", "false"), "Your data did not open")
    app.click("#back-up-now")
    app.wait(lambda: "Backup made" in app.toast(), "no backup was made")
    own_app.stop()
    corrupt_the_middle(database)

    app, _ = own_app()
    wait_open_error(app, "data_file_corrupt")
    app.click("#data-restore-backup")
    newest = app.wait_visible("#backup-list .backup-row")
    assert "1 person" in newest.text, newest.text
    app.click(app.find("button.restore-backup", within=newest))
    app.wait_visible("#confirm-dialog")
    app.click("#confirm-ok")
    app.wait_ready()
    assert app.current_view()[0] != "open-error"
    assert people_in(database) == ["Rescued Person"]
    assert any(backups.glob("*before-restore*")), "the damaged file was not kept aside first"


class ReadOnly:
    """Makes a file read-only: chattr +i as root (chmod does not stop root), chmod 0444 else."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.immutable = os.geteuid() == 0
        if self.immutable:
            subprocess.run(["chattr", "+i", str(path)], check=True)
        else:
            path.chmod(0o444)
        with pytest.raises(PermissionError):
            open(path, "r+b").close()

    def undo(self) -> None:
        if self.immutable:
            subprocess.run(["chattr", "-i", str(self.path)], check=False)
        self.path.chmod(0o644)


def test_d_a_read_only_data_file_opens_for_reading_with_a_banner_until_it_is_writable(
    own_app, desktop
):
    _, tray = desktop
    database = make_data(own_app, "Read Only Person")
    before = digest(database)
    read_only = ReadOnly(database)
    try:
        app, _ = own_app()
        app.wait_ready()
        app.wait(lambda: "read-only" in banner(app), "no banner says the file is read-only")
        assert "Nothing can be saved" in banner(app)
        app.go("people")
        assert app.find("#people-list .person-name").text == "Read Only Person"
        app.screenshot("data-file-read-only")

        open_person_form(app)
        app.fill("#person-name", "Cannot Be Saved")
        app.click("#person-save")
        time.sleep(1)
        assert dialog_open(app), "the form closed as if the person had been saved"
        item = the_tray_item(tray)
        wait_tray_first(tray, item, "Coffee Chat can't save: your data is read-only")
        assert digest(database) == before, "the read-only file was changed"
    finally:
        read_only.undo()
    # Writable again: the app notices by itself; saving works.
    app.wait(lambda: not app.exists("#data-banner"), "the banner stayed once the file was writable",
             timeout=20)
    app.click("#person-save")
    app.wait(lambda: not dialog_open(app), "saving after the file became writable failed")
    assert people_in(database) == ["Read Only Person", "Cannot Be Saved"]


def test_e_started_hidden_at_login_on_a_file_it_cannot_open_it_says_so_once(own_app, desktop):
    """`coffeechat --hidden` (the login item of earlier versions) starts only the resident part,
    which says once, in a notification and on its tray's first line, that the file is damaged."""
    dunst, tray = desktop
    database = make_data(own_app, "Hidden Start Person")
    corrupt_the_middle(database)
    data_home = own_app.data_home
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    # Earlier tests' notices about their own files are not this start's.
    dunst.close_all()
    said_before = len([n for n in dunst.sent() if n["summary"] == CANT_OPEN])
    with open(LOGS / "hidden-start-app.log", "w") as log:
        process = subprocess.Popen([APP, "--hidden"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        assert process.wait(timeout=15) == 0, "coffeechat --hidden did not hand over and end"
        note = dunst.wait_for(lambda n: n["summary"] == CANT_OPEN, timeout=20,
                              what="the notification that the data cannot be opened")
        assert "is damaged" in note["body"], note["body"]
        assert not app_windows(visible_only=True), "a window opened on a hidden start"
        item = the_tray_item(tray)
        wait_tray_first(tray, item, CANT_OPEN)
        time.sleep(5)  # Two more retries' worth: still one notification.
        sent = [n for n in dunst.sent() if n["summary"] == CANT_OPEN][said_before:]
        assert len(sent) == 1, f"{len(sent)} notifications"
        assert len(resident_processes()) == 1, f"resident parts: {resident_processes()}"
        tray.click(item, "Quit")
        wait_until(lambda: not resident_processes(), "Quit did not end the resident part", 15)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=15)


# --- Nothing freezes ------------------------------------------------------------------------


def click_at_once(tray: Tray, item: str, label: str, times: int) -> None:
    """Sends `times` clicks on a menu entry at the same moment, as a tray host does when the
    user clicks fast: each is a dbusmenu Event call of its own."""
    name, menu = tray.menu_path(item)
    entry = Tray.find(tray.menu(item), label)
    assert entry is not None, f"no {label!r} in the menu"
    stamp = str(int(time.time()) & 0xFFFFFFFF)
    calls = [
        subprocess.Popen(["busctl", "--user", "--timeout=20", "call", name, menu, "com.canonical.dbusmenu",
                          "Event", "isvu", str(entry["id"]), "clicked", "i", "0", stamp],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(times)
    ]
    for call in calls:
        call.wait(timeout=30)


def test_f_hammering_tray_refreshes_while_toggling_launch_at_login_never_freezes_the_app(
    own_app, desktop
):
    _, tray = desktop
    app, _ = own_app()
    app.wait_ready()
    item = the_tray_item(tray)
    login_item = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "coffeechat-resident.desktop"
    assert not login_item.exists()

    # Each click on "Launch at login" wakes the scheduler, which rebuilds the menu; clicks come
    # in bursts, so one is handled (on the main thread) while the menu is being rebuilt. Before,
    # the rebuild held the tray's lock while it waited for the main thread, and the click's
    # handler waited on the main thread for that lock: the app froze for good.
    started = time.monotonic()
    for burst in range(25):
        try:
            click_at_once(tray, item, "Launch at login", 4)
            # The menu is served by the main thread: it must still answer.
            tray.menu(item)
        except Exception as error:
            raise AssertionError(f"the app stopped answering after {burst + 1} bursts of clicks: "
                                 f"{error}") from None
    print(f"25 bursts of 4 clicks took {time.monotonic() - started:.1f} s")

    # Still responsive: the window answers at once, the menu too, and they agree with the file.
    began = time.monotonic()
    app.go("people")
    app.go("settings")
    assert time.monotonic() - began < 5, "the window answered slowly"

    def settled() -> bool:
        entry = Tray.find(tray.menu(item), "Launch at login")
        return (entry["toggle_state"] == 1) == login_item.exists()

    wait_until(settled, "the menu's tick does not match the login item", 10)
    if login_item.exists():
        tray.click(item, "Launch at login")
        wait_until(lambda: not login_item.exists(), "the login item stayed", 10)


# --- What is typed, as typed ---------------------------------------------------------------


def test_g_control_characters_are_refused_next_to_the_field_and_bidi_names_isolated(
    own_app, desktop
):
    _, tray = desktop
    app, data_home = own_app()
    app.wait_ready()

    open_person_form(app)
    app.set_value("#person-name", "Dana\u0000Whitfield")
    app.click("#person-save")
    message = app.wait_field_error("name", within="#person-form")
    assert "control character (U+0000)" in message, message
    assert "CHECK" not in message
    assert_next_to(app, app.field_error("name", within="#person-form"), app.find("#person-name"))
    # Notes first: the form saves as it goes, and must not add Dana before the notes are wrong.
    app.set_value("#person-notes", "Rang the bell \u0007 twice")
    app.set_value("#person-name", "Dana Whitfield")
    app.click("#person-save")
    message = app.wait_field_error("notes", within="#person-form")
    assert "U+0007" in message, message
    app.screenshot("control-character-refused")
    assert people_in(database_in(data_home)) == []

    # A right-to-left name with a number and brackets, notes with a tab and a line break.
    name = "نور حداد (ACME) 2"
    notes = "Asked:\n\tthe team\n\tthe hiring plan"
    app.set_value("#person-name", name)
    app.set_value("#person-notes", notes)
    app.click("#person-save")
    app.wait(lambda: not dialog_open(app), "the person was not saved")
    person_id = id_from_hash(app, r"#/people/(\d+)")
    assert app.find("h1#person-heading").get_attribute("dir") == "auto"
    with contextlib.closing(sqlite3.connect(f"file:{database_in(data_home)}?mode=ro", uri=True)) as conn:
        assert conn.execute("SELECT name, notes FROM people WHERE id = ?", (person_id,)).fetchone() == (name, notes)
    app.go("people")
    row_name = app.find("#people-list .person-name")
    assert row_name.text == name and row_name.get_attribute("dir") == "auto"

    # Met two days ago: the thank-you is due, in Today (name in a <bdi>) and the tray (isolates).
    app.click(row_name)
    app.wait_view("person")
    app.click("#new-interview")
    app.wait_view("interview")
    for expected in ("connection_requested", "connected", "interview_requested"):
        step_forward(app, expected)
    when = (date.today() - timedelta(days=2)).strftime("%Y-%m-%dT10:00")
    app.fill("#interview-scheduled_local", when)
    app.click("#interview-save")
    app.wait(lambda: app.toast() == "Saved", f"not saved; toast: {app.toast()!r}")
    app.wait_view("interview")
    step_forward(app, "scheduled")
    step_forward(app, "done")
    app.go("today")
    title = app.wait(lambda: app.find("#today-reminders .reminder-row .row-title"), "no due reminder")
    assert title.text == f"Send your thank-you note to {name}"
    assert app.find("bdi", title).text == name
    app.screenshot("bidi-name-on-today")
    item = the_tray_item(tray)
    lines = wait_until(lambda: (ls := tray_lines(tray, item)) and len(ls) > 1 and ls[1].startswith("Send") and ls,
                       f"the tray does not list the reminder: {tray_lines(tray, item)}", 20)
    assert f"{FSI}{name}{PDI}" in lines[1], lines


# --- Local days ----------------------------------------------------------------------------


def test_h_instants_are_shown_on_the_local_day_in_a_zone_east_of_utc(own_app):
    tokyo = {"TZ": "Asia/Tokyo"}
    app, data_home = own_app(env=tokyo)
    app.wait_ready()
    person_id = add_person(app, "Tokyo Person")
    app.click("#new-interview")
    interview_id = id_from_hash(app, r"#/interviews/(\d+)")
    app.wait_view("interview")
    add_person(app, "Tokyo Trashed")
    app.click("#delete-person")
    app.click("#confirm-ok")
    app.wait_view("people")
    own_app.stop()

    # 00:30 on Tue 31 March in Tokyo is 15:30 on the 30th in UTC. And a person deleted at 00:30
    # today in Tokyo is purged 30 days later, on a Tokyo day one after the UTC one.
    database = database_in(data_home)
    now_tokyo = datetime.now(ZoneInfo("Asia/Tokyo"))
    deleted_local = now_tokyo.replace(hour=0, minute=30, second=0, microsecond=0)
    deleted_utc = deleted_local.astimezone(timezone.utc)
    with contextlib.closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("UPDATE interviews SET stage_changed_at = '2026-03-30 15:30:00+00:00' WHERE id = ?",
                     (interview_id,))
        conn.execute("UPDATE people SET deleted_at = ? WHERE name = 'Tokyo Trashed'",
                     (deleted_utc.strftime("%Y-%m-%d %H:%M:%S+00:00"),))

    app, _ = own_app(env=tokyo)
    app.wait_ready()
    assert app.driver.execute_script("return new Date('2026-03-30T15:30:00Z').getHours()") == 0, \
        "the window does not run in Tokyo time"
    local_day = "const [y, m, d] = arguments; return new Intl.DateTimeFormat(undefined, " \
                "{day: 'numeric', month: 'short', year: 'numeric'}).format(new Date(y, m - 1, d));"
    march_31 = app.driver.execute_script(local_day, 2026, 3, 31)
    app.driver.execute_script(f"location.hash = '#/people/{person_id}'")
    app.wait_view("person")
    shown = app.find(".interview-link").find_element("xpath", "..").text
    assert f"started {march_31}" in shown, shown

    purge = (deleted_local + timedelta(days=30)).date()
    purge_shown = app.driver.execute_script(local_day, purge.year, purge.month, purge.day)
    app.go("settings")
    trash = app.find("#trash-list .trash-item .row-sub").text
    assert f"removed for good on {purge_shown}" in trash, trash
