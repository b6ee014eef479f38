"""The resident part on Linux (issue 13): `coffeechat-resident`, the program that lives in the
tray without GTK or WebKit, tested for real: its own data file (written by the benchmarks'
`dataset` generator, reminders added with SQL), a real notification server (dunst) and a real
StatusNotifier watcher on the private session bus, and the real window program it starts.

Each test starts its own resident part on a data file of its own, with quiet hours off.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Optional

import pytest

from desktop import Tray
from harness import APP, app_windows, end_resident, resident_processes

RESIDENT = Path(APP).parent / "coffeechat-resident"
DATASET = Path(APP).parent / "examples/dataset"
NAME = "org.coffeechat.desktop.Resident"
AUTOSTART = Path(os.environ.get("XDG_CONFIG_HOME", "/nonexistent")) / "autostart" / "coffeechat-resident.desktop"


def wait(condition: Callable[[], object], what: str, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what} within {timeout} s")
        time.sleep(0.1)


class DataFile:
    """A data file of three people (the `dataset` generator), quiet hours off, and reminders
    added one by one, due an hour ago."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "coffeechat.sqlite3"
        subprocess.run([str(DATASET), str(self.path), "3", "0", "0"], check=True,
                       capture_output=True, timeout=60)
        with self.connect() as conn:
            conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                             [("quiet_start", "00:00"), ("quiet_end", "00:00")])
        self.people = self.query("SELECT id, name FROM people ORDER BY id")

    def connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def query(self, sql: str, *params) -> list[tuple]:
        with self.connect() as conn:
            return conn.execute(sql, params).fetchall()

    def due_reminder(self, person: int = 0) -> tuple[int, str]:
        """A "keep in touch" reminder for the PERSON-th person, due an hour ago: (id, its line)."""
        person_id, name = self.people[person]
        hour_ago = (datetime.now(timezone.utc) - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S+00:00")
        with self.connect() as conn:
            cursor = conn.execute(
                "INSERT INTO reminders (kind, person_id, due_at, created_at)"
                " VALUES ('keep_in_touch', ?, ?, ?)", (person_id, hour_ago, hour_ago))
            return cursor.lastrowid, f"Keep in touch with {name}"


class Resident:
    def __init__(self, data: Optional[DataFile], log: Path) -> None:
        """Starts it on DATA's file, or on the app's own (the run's XDG_DATA_HOME) for None."""
        self.log = log
        arguments = [str(data.path)] if data else []
        self.process = subprocess.Popen([str(RESIDENT), *arguments], stdout=subprocess.DEVNULL,
                                        stderr=open(log, "ab"), start_new_session=True)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def window_started(self) -> int:
        """The pid of the window program it started (`coffeechat`, beside it)."""
        return wait(lambda: [pid for pid in children(self.process.pid)
                             if cmdline(pid)[:1] == [str(Path(APP).resolve())]],
                    "no window program was started", timeout=10)[0]

    def item(self, tray: Tray) -> str:
        """Its tray item, once registered (the item has a bus connection of its own)."""
        return tray.wait_for_item(predicate=lambda item: bus_pid(item.split("/")[0]) == self.process.pid)


def bus_owner(name: str, timeout: float) -> str:
    def owner() -> Optional[str]:
        reply = subprocess.run(["busctl", "--user", "call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                "org.freedesktop.DBus", "GetNameOwner", "s", name],
                               capture_output=True, text=True)
        return reply.stdout.split('"')[1] if reply.returncode == 0 else None
    return wait(owner, f"nobody owns {name}", timeout)


def bus_pid(name: str) -> Optional[int]:
    reply = subprocess.run(["busctl", "--user", "call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus", "GetConnectionUnixProcessID", "s", name],
                           capture_output=True, text=True)
    return int(reply.stdout.split()[1]) if reply.returncode == 0 else None


def labels(tray: Tray, item: str) -> list[str]:
    return [entry["label"] for entry in tray.menu(item) if entry["type"] != "separator"]


def wait_menu(tray: Tray, item: str, predicate: Callable[[list[str]], bool], what: str) -> list[str]:
    shown: list[list[str]] = [[]]

    def check() -> bool:
        shown[0] = labels(tray, item)
        return predicate(shown[0])
    try:
        wait(check, f"the tray menu does not show {what}")
    except AssertionError as error:
        raise AssertionError(f"{error}; it shows {shown[0]}") from None
    return shown[0]


@pytest.fixture(scope="module", autouse=True)
def no_shared_resident():
    """The run's windows started a resident part on the run's data folder: these tests start
    their own, on files of their own (one runs per session)."""
    end_resident()
    yield
    end_resident()


@pytest.fixture
def resident(tmp_path, desktop):
    """Starts the resident part on a data file of its own; stops it and closes its notifications."""
    started: list[Resident] = []
    data = DataFile(tmp_path)

    def start() -> Resident:
        started.append(Resident(data, tmp_path / "resident.log"))
        return started[-1]

    yield data, start
    for process in started:
        process.stop()
    desktop[0].close_all()
    print((tmp_path / "resident.log").read_text(errors="replace") if (tmp_path / "resident.log").exists() else "")


def one_due(resident, tray: Tray):
    """Starts the resident part on a file with one reminder due, once its tray lists it:
    (data file, resident, tray item, the reminder's id, its line)."""
    data, start = resident
    reminder, line = data.due_reminder()
    process = start()
    item = process.item(tray)
    wait_menu(tray, item, lambda ls: line in ls, "the reminder")
    return data, process, item, reminder, line


def gone(pid: int) -> bool:
    """Whether process PID has ended (a zombie not yet reaped has)."""
    return not Path(f"/proc/{pid}").exists() or is_zombie(pid)


def test_a_the_resident_part_notifies_a_due_reminder_lists_it_in_its_tray_and_marks_it_done(
    resident, desktop
):
    dunst, tray = desktop
    data, start = resident
    reminder, line = data.due_reminder()
    process = start()

    note = dunst.wait_for(lambda n: n["summary"] == line, timeout=15, what=repr(line))
    assert note["appname"] == "Coffee Chat"
    assert note["actions"] == {"default": "Open", "mark": "Done", "snooze": "Snooze 1 h"}

    item = process.item(tray)
    menu = wait_menu(tray, item, lambda ls: line in ls, "the reminder")
    assert menu[0] == "1 due", menu
    assert menu[-4:] == ["Snooze all 1 hour", "Launch at login", "Open Coffee Chat", "Quit"], menu

    dunst.invoke_action(note["id"], "Done")
    wait(lambda: data.query("SELECT done_at FROM reminders WHERE id = ?", reminder)[0][0],
         "the reminder is not done in the data file after 'Done'")
    wait_menu(tray, item, lambda ls: ls[0] == "Nothing due" and line not in ls, "nothing due")
    assert len([n for n in dunst.sent() if n["summary"] == line]) == 1, "notified more than once"


def test_b_the_window_tells_it_the_data_changed_and_a_finished_reminder_leaves_the_screen(
    resident, desktop
):
    dunst, tray = desktop
    data, start = resident
    process = start()
    item = process.item(tray)
    wait_menu(tray, item, lambda ls: ls[0] == "Nothing due", "nothing due")

    # Added behind its back, as the window writes: the Changed() call makes it look at once,
    # not at its next tick (up to a minute away).
    reminder, line = data.due_reminder(1)
    subprocess.run(["busctl", "--user", "call", NAME, "/org/coffeechat/Resident", NAME, "Changed"],
                   check=True, timeout=10)
    note = dunst.wait_for(lambda n: n["summary"] == line, timeout=5, what=f"{line!r} after Changed()")
    wait_menu(tray, item, lambda ls: line in ls, "the new reminder")

    # Done in the window: its notification is withdrawn from the desktop.
    with data.connect() as conn:
        conn.execute("UPDATE reminders SET done_at = due_at WHERE id = ?", (reminder,))
    subprocess.run(["busctl", "--user", "call", NAME, "/org/coffeechat/Resident", NAME, "Changed"],
                   check=True, timeout=10)
    wait(lambda: all(n["id"] != note["id"] for n in dunst.displayed()),
         "the notification of a reminder done elsewhere is still on screen", timeout=5)
    wait_menu(tray, item, lambda ls: ls[0] == "Nothing due", "nothing due")


def test_c_its_tray_snoozes_them_all_opens_the_window_and_quit_ends_both(resident, desktop):
    dunst, tray = desktop
    data, process, item, reminder, line = one_due(resident, tray)

    tray.click(item, "Snooze all 1 hour")
    wait(lambda: data.query("SELECT snoozed_until FROM reminders WHERE id = ?", reminder)[0][0],
         "the reminder is not snoozed after 'Snooze all 1 hour'")
    wait_menu(tray, item, lambda ls: ls[0] == "Nothing due", "nothing due after snoozing")

    before = set(app_windows(visible_only=True))
    tray.click(item, "Open Coffee Chat")
    # The window program, started beside it.
    window = process.window_started()
    try:
        assert cmdline(window)[1:] == [], cmdline(window)
        wait(lambda: set(app_windows(visible_only=True)) - before, "no Coffee Chat window appeared", 30)
        # Quit in its tray ends Coffee Chat: the window too, after its page saved.
        tray.click(item, "Quit")
        assert process.process.wait(10) == 0, "Quit did not end the resident part cleanly"
        wait(lambda: gone(window), "the window outlived Quit in the resident part's tray", timeout=15)
    finally:
        if not gone(window):
            os.kill(window, signal.SIGTERM)


def test_d_a_reminder_in_its_tray_opens_the_window_on_that_reminder(resident, desktop):
    dunst, tray = desktop
    data, process, item, reminder, line = one_due(resident, tray)
    tray.click(item, line)
    window = process.window_started()
    try:
        assert cmdline(window)[1:] == ["--reminder", str(reminder)], cmdline(window)
    finally:
        os.kill(window, signal.SIGTERM)
        wait(lambda: gone(window), "the window program did not end on SIGTERM", timeout=10)


def test_e_one_resident_part_at_a_time_launch_at_login_and_quit(resident, desktop):
    dunst, tray = desktop
    data, start = resident
    first = start()
    item = first.item(tray)

    second = start()
    assert second.process.wait(10) == 0, "a second resident part did not exit cleanly"
    assert "already running" in first.log.read_text(errors="replace")
    assert first.process.poll() is None, "the first resident part ended"
    assert bus_pid(bus_owner(NAME, 5)) == first.process.pid, "the second one took the name"
    assert len([i for i in tray.items() if bus_pid(i.split("/")[0]) == first.process.pid]) == 1

    AUTOSTART.unlink(missing_ok=True)
    tray.click(item, "Launch at login")
    # Waited for with its content: the file is created before it is written.
    wait(lambda: AUTOSTART.exists() and "Exec=" in AUTOSTART.read_text(),
         "no login item after 'Launch at login'")
    entry = AUTOSTART.read_text()
    assert f'Exec="{RESIDENT.resolve()}"' in entry, entry
    wait(lambda: tray.find(tray.menu(item), "Launch at login")["toggle_state"] == 1,
         "'Launch at login' is not checked")
    tray.click(item, "Launch at login")
    wait(lambda: not AUTOSTART.exists(), "the login item is still there after unchecking it")

    tray.click(item, "Quit")
    assert first.process.wait(10) == 0, "Quit did not end the resident part cleanly"
    wait(lambda: item not in tray.items(), "its tray item outlived it")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return found


def cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]
    except OSError:
        return []


def is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_f_a_change_in_either_reaches_the_other_at_once(app, desktop, tmp_path):
    """The window tells the resident part after each write (Changed()), and the resident part
    tells the window (--changed): each follows the other at once, not at its next look, up to a
    minute away. Both run on the app's own data file."""
    from test_03_reminders import THANK_YOU, meet, quiet_hours_off, today_reminders

    dunst, tray = desktop
    quiet_hours_off(app)
    # The window started it once it had painted.
    pid = int(wait(resident_processes, "the window did not start the resident part")[0])
    try:
        item = tray.wait_for_item(predicate=lambda item: bus_pid(item.split("/")[0]) == pid)
        # Earlier tests left reminders due in the run's data file: snoozed first, so the tray
        # lists only what this test makes due (it shows the first five).
        wait_menu(tray, item, lambda ls: "Quit" in ls, "its menu")
        if Tray.find(tray.menu(item), "Snooze all 1 hour")["enabled"]:
            tray.click(item, "Snooze all 1 hour")
        wait_menu(tray, item, lambda ls: ls[0] == "Nothing due", "nothing due")
        name = "Lucia Ferreira"
        meet(app, name)
        line = THANK_YOU.format(name)
        wait_menu(tray, item, lambda ls: line in ls, "the thank-you the window just made due")

        app.go("today")
        app.wait(lambda: line in today_reminders(app), f"Today does not list {line!r}")
        row = next(r for r in app.find_all("#today-reminders .reminder-row")
                   if app.find(".row-title", r).text == line)
        app.click(app.find(".reminder-done", row))
        wait_menu(tray, item, lambda ls: line not in ls, "the thank-you gone once marked sent in the window")

        # And back: snoozed in the resident part's tray, the window's Today follows at once.
        other = "Kwame Boateng"
        meet(app, other)
        line = THANK_YOU.format(other)
        wait_menu(tray, item, lambda ls: line in ls, "the second thank-you")
        app.go("today")
        app.wait(lambda: line in today_reminders(app), f"Today does not list {line!r}")
        tray.click(item, "Snooze all 1 hour")
        app.wait(lambda: line not in today_reminders(app),
                 "Today still lists the thank-you snoozed in the resident part's tray", timeout=10)
    finally:
        end_resident()
        dunst.close_all()


def changed() -> None:
    """What the window says after each write: the data changed, look now."""
    subprocess.run(["busctl", "--user", "call", NAME, "/org/coffeechat/Resident", NAME, "Changed"],
                   check=True, capture_output=True, timeout=10)


def test_g_a_data_file_moved_away_is_waited_for_never_made_again_empty(resident, desktop):
    """Moved or deleted while it runs, the data file is said to be gone in the tray, and the
    resident part waits for it: it never puts a new, empty file at its path (the window's "Save
    my data here again" is the way back). Once the file is back, it goes on."""
    _, tray = desktop
    data, _, item, _, line = one_due(resident, tray)
    moved = data.path.with_name("moved-away.sqlite3")
    data.path.rename(moved)
    changed()
    wait_menu(tray, item, lambda ls: ls[0] == "Coffee Chat can't save your data", "that it cannot save")
    for _ in range(3):  # Each look tries the path again.
        changed()
        time.sleep(0.5)
    assert not data.path.exists(), "the resident part made a new, empty data file where the old one was"

    moved.rename(data.path)
    changed()
    wait_menu(tray, item, lambda ls: line in ls, "the reminder once the file is back")


def test_h_its_tray_icon_comes_back_every_time_the_tray_host_starts_again(resident, desktop):
    """A tray host that starts again (a desktop shell restarted; at login, one starting beside
    the resident part) shows the icon every time, reminders listed, even though it owns its bus
    name a moment before it answers on it: status-notifier-watcher does, and an icon registered
    in that moment is refused (UnknownObject) and was never registered again."""
    _, tray = desktop
    _, process, _, _, line = one_due(resident, tray)
    for restart in range(1, 11):
        tray.stop()
        tray.start_watcher()
        item = process.item(tray)
        wait_menu(tray, item, lambda ls: line in ls, f"the reminder after the tray host's restart {restart}")
