"""The desktop around the app in the end-to-end tests: a notification server and a tray host.

Both talk to the private session bus `scripts/test-e2e.sh` runs the tests on (no auto-activation:
nothing answers `org.freedesktop.Notifications` or `org.kde.StatusNotifierWatcher` until a test
starts it here). Standard library only; it runs dunst, dunstctl, dbus-monitor, gdbus, busctl and
status-notifier-watcher (Debian: dunst, libnotify-bin, dbus, libglib2.0-bin, systemd,
haskell-status-notifier-item-utils).

`Dunst` -- a real notification server (dunst 1.9) on the test display:

    dunst = Dunst()
    dunst.start()
    ...                                   # the app sends "Coffee with Dana" with actions
    n = dunst.wait_for(lambda n: n["summary"] == "Coffee with Dana")
    assert n["actions"] == {"default": "Open", "mark": "Mark sent", "snooze": "Snooze 1 h"}
    dunst.invoke_action(n["id"], "Mark sent")     # or the key "mark"
    dunst.stop()

`Tray` -- a headless StatusNotifierWatcher and a dbusmenu client for the app's tray icon:

    tray = Tray()
    tray.start_watcher()                  # before or after the app starts: both work
    ...                                   # launch the app
    item = tray.wait_for_item()
    labels = [entry["label"] for entry in tray.menu(item)]
    tray.click(item, "Quit")
    tray.stop()
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional, Union

HERE = Path(__file__).resolve().parent
DUNSTRC = HERE / "dunstrc"
CHOOSER = HERE / "dunst-choose-action"

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
WATCHER = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
ITEM_IFACE = "org.kde.StatusNotifierItem"
DBUSMENU = "com.canonical.dbusmenu"

# NotificationClosed reasons (Desktop Notifications spec 1.2).
CLOSED_REASONS = {1: "expired", 2: "dismissed", 3: "closed by call", 4: "undefined"}


def _busctl_json(args: list[str], timeout: float = 10) -> Any:
    """`busctl --user --json=short -- ARGS` parsed; busctl encodes a variant as
    {"type": signature, "data": value}."""
    result = _run(["busctl", "--user", "--json=short", "--", *args], timeout=timeout)
    return json.loads(result.stdout)


class DesktopError(AssertionError):
    """A desktop service did not do what a test expected (fails the test like an assert)."""


def _run(args: list[str], timeout: float = 10, check: bool = True) -> subprocess.CompletedProcess:
    """Runs a command on the session bus of this process; output as text."""
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as e:
        raise DesktopError(f"{' '.join(args)} did not answer within {timeout} s") from e
    if check and result.returncode != 0:
        raise DesktopError(
            f"{' '.join(args)} failed with status {result.returncode}: {result.stderr.strip()}"
        )
    return result


def _wait_name(name: str, timeout: float, process: Optional[subprocess.Popen], log: Path) -> None:
    """Waits until NAME is owned on the session bus (`gdbus wait`), or the process exits."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        result = subprocess.run(
            ["gdbus", "wait", "--session", "--timeout", str(max(1, min(2, int(left)))), name],
            capture_output=True, text=True, check=False,
        )
        if result.returncode == 0:
            return
        if process is not None and process.poll() is not None:
            raise DesktopError(
                f"{process.args[0]} exited with status {process.returncode} before owning {name}:"
                f"\n{_tail(log)}"
            )
        if time.monotonic() >= deadline:
            raise DesktopError(f"{name} did not appear on the session bus in {timeout} s:\n{_tail(log)}")


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


_STARTED: list[subprocess.Popen] = []
_TEMP_DIRS: list[Path] = []


@atexit.register
def _stop_leftovers() -> None:
    """Stops what this module started and a test forgot (a stopped dunst would outlive the bus)."""
    for process in _STARTED:
        _stop_process(process, timeout=2)
    for folder in _TEMP_DIRS:
        shutil.rmtree(folder, ignore_errors=True)


def _spawn(args: list[str], log: Path, **kwargs: Any) -> subprocess.Popen:
    process = subprocess.Popen(args, stdout=kwargs.pop("stdout", None) or open(log, "ab"),
                               stderr=kwargs.pop("stderr", subprocess.STDOUT),
                               stdin=subprocess.DEVNULL, **kwargs)
    _STARTED.append(process)
    return process


def _stop_process(process: Optional[subprocess.Popen], timeout: float = 5) -> None:
    """SIGCONT (it may be paused), SIGTERM, then SIGKILL after TIMEOUT seconds."""
    if process is None or process.poll() is not None:
        return
    try:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)
    except ProcessLookupError:
        pass


# --------------------------------------------------------------------------------------------
# A D-Bus wire-format reader, for the messages `dbus-monitor --binary` writes.
# --------------------------------------------------------------------------------------------

_ALIGN = {"y": 1, "b": 4, "n": 2, "q": 2, "i": 4, "u": 4, "x": 8, "t": 8, "d": 8, "h": 4,
          "s": 4, "o": 4, "g": 1, "v": 1, "a": 4, "(": 8, "{": 8}
_FIXED = {"y": "B", "b": "I", "n": "h", "q": "H", "i": "i", "u": "I", "x": "q", "t": "Q",
          "d": "d", "h": "I"}
_HEADER_FIELDS = {1: "path", 2: "interface", 3: "member", 4: "error_name", 5: "reply_serial",
                  6: "destination", 7: "sender", 8: "signature", 9: "unix_fds"}
MESSAGE_TYPES = {1: "method_call", 2: "method_return", 3: "error", 4: "signal"}


def _split_signature(sig: str) -> list[str]:
    """"sa{sv}(ii)" -> ["s", "a{sv}", "(ii)"]."""
    types, i = [], 0
    while i < len(sig):
        j = _complete_type_end(sig, i)
        types.append(sig[i:j])
        i = j
    return types


def _complete_type_end(sig: str, i: int) -> int:
    c = sig[i]
    if c == "a":
        return _complete_type_end(sig, i + 1)
    if c in "({":
        close = ")" if c == "(" else "}"
        depth, j = 0, i
        while True:
            if sig[j] == c:
                depth += 1
            elif sig[j] == close:
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
    return i + 1


class _Reader:
    def __init__(self, data: bytes, endian: str) -> None:
        self.data, self.pos, self.e = data, 0, endian

    def align(self, n: int) -> None:
        self.pos = (self.pos + n - 1) // n * n

    def read(self, t: str) -> Any:
        c = t[0]
        self.align(_ALIGN[c])
        if c in _FIXED:
            fmt = self.e + _FIXED[c]
            (value,) = struct.unpack_from(fmt, self.data, self.pos)
            self.pos += struct.calcsize(fmt)
            return bool(value) if c == "b" else value
        if c in "so":
            (n,) = struct.unpack_from(self.e + "I", self.data, self.pos)
            self.pos += 4
            value = self.data[self.pos:self.pos + n].decode("utf-8", "replace")
            self.pos += n + 1
            return value
        if c == "g":
            n = self.data[self.pos]
            value = self.data[self.pos + 1:self.pos + 1 + n].decode("ascii", "replace")
            self.pos += n + 2
            return value
        if c == "v":
            sig = self.read("g")
            return self.read(sig)
        if c == "a":
            (n,) = struct.unpack_from(self.e + "I", self.data, self.pos)
            self.pos += 4
            element = t[1:]
            self.align(_ALIGN[element[0]])
            end = self.pos + n
            if element == "y":
                value = bytes(self.data[self.pos:end])
                self.pos = end
                return value
            if element[0] == "{":
                result = {}
                inner = _split_signature(element[1:-1])
                while self.pos < end:
                    self.align(8)
                    key = self.read(inner[0])
                    result[key] = self.read(inner[1])
                return result
            items = []
            while self.pos < end:
                items.append(self.read(element))
            return items
        if c == "(":
            return tuple(self.read(x) for x in _split_signature(t[1:-1]))
        raise ValueError(f"unsupported D-Bus type {t!r}")


def parse_message(data: bytes) -> dict:
    """One marshalled D-Bus message -> {type, serial, path, interface, member, sender,
    destination, reply_serial, signature, body: [values]}."""
    endian = "<" if data[0:1] == b"l" else ">"
    reader = _Reader(data, endian)
    reader.pos = 1
    msg_type = reader.read("y")
    reader.pos = 8
    serial = reader.read("u")
    reader.pos = 12
    fields = reader.read("a(yv)")
    reader.align(8)
    message: dict = {"type": MESSAGE_TYPES.get(msg_type, msg_type), "serial": serial}
    for code, value in fields:
        message[_HEADER_FIELDS.get(code, str(code))] = value
    body_reader = _Reader(data[reader.pos:], endian)
    signature = message.get("signature", "")
    try:
        message["body"] = [body_reader.read(t) for t in _split_signature(signature)]
    except (struct.error, ValueError, IndexError) as e:
        message["body"] = []
        message["body_error"] = repr(e)
    return message


def _message_length(head: bytes) -> int:
    """Total length of a message from its first 16 bytes."""
    endian = "<" if head[0:1] == b"l" else ">"
    body_length, _serial, fields_length = struct.unpack(endian + "III", head[4:16])
    return 16 + (fields_length + 7) // 8 * 8 + body_length


class BusRecorder:
    """Records messages of the session bus through `dbus-monitor --binary` (eavesdropping is
    allowed by tests/e2e/session.conf), parsed, in order, with the monotonic time they came."""

    def __init__(self, match_rules: list[str], log: Path) -> None:
        self.match_rules = match_rules
        self.log = log
        self.messages: list[dict] = []
        self.changed = threading.Condition()
        self.process: Optional[subprocess.Popen] = None
        self._thread: Optional[threading.Thread] = None

    def start(self, timeout: float = 10) -> None:
        # The monitor gets NameAcquired then NameLost for its own name once it has become a
        # monitor: from then on nothing that matches is missed.
        self.process = _spawn(["dbus-monitor", "--session", "--binary", *self.match_rules],
                              self.log, stdout=subprocess.PIPE, stderr=open(self.log, "ab"))
        self._thread = threading.Thread(target=self._read, name="dbus-monitor", daemon=True)
        self._thread.start()
        self.wait(lambda m: m.get("member") == "NameLost", timeout, "dbus-monitor to start")

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            head = stream.read(16)
            if len(head) < 16:
                break
            rest = stream.read(_message_length(head) - 16)
            try:
                message = parse_message(head + rest)
            except Exception as e:  # noqa: BLE001 - a message we cannot read is kept as such
                message = {"type": "unreadable", "error": repr(e)}
            message["time"] = time.monotonic()
            with self.changed:
                self.messages.append(message)
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def snapshot(self) -> list[dict]:
        with self.changed:
            return list(self.messages)

    def wait(self, predicate: Callable[[dict], bool], timeout: float, what: str,
             since: int = 0) -> dict:
        """The first message recorded after the first SINCE ones that matches PREDICATE
        (already recorded or arriving within TIMEOUT seconds)."""
        deadline = time.monotonic() + timeout
        seen = since
        with self.changed:
            while True:
                for message in self.messages[seen:]:
                    if predicate(message):
                        return message
                seen = len(self.messages)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise DesktopError(f"timed out after {timeout} s waiting for {what}")
                if self.process is not None and self.process.poll() is not None:
                    raise DesktopError(f"dbus-monitor exited while waiting for {what}: {_tail(self.log)}")
                self.changed.wait(min(left, 0.5))

    def stop(self) -> None:
        _stop_process(self.process)
        if self._thread is not None:
            self._thread.join(5)


# --------------------------------------------------------------------------------------------
# Notifications
# --------------------------------------------------------------------------------------------

NotificationRef = Union[int, dict, None]


class Dunst:
    """dunst 1.9 as the session's notification server, plus a recorder of what it was sent.

    D-Bus: dunst owns `org.freedesktop.Notifications` at `/org/freedesktop/Notifications`
    (interfaces `org.freedesktop.Notifications` and dunst's own `org.dunstproject.cmd0`, which
    `dunstctl` calls).

    What is displayed: dunst 1.9 cannot list its displayed notifications (`dunstctl history`
    only holds closed ones; only `dunstctl count displayed` exists). So `start()` also runs
    `dbus-monitor --binary` on the Notifications interface and rebuilds the state from the
    traffic: a `Notify` call plus dunst's reply (the id) opens a notification (a call with
    `replaces_id` updates it in place), the `NotificationClosed` signal ends it. The dunstrc sets
    `notification_limit = 0` and timeouts of 0, so everything dunst accepted is on screen until
    closed; `count_displayed()` asks dunst itself, to cross-check.

    Actions: `invoke_action` opens dunst's context menu (`dunstctl context`); dunst pipes one
    line per action of every displayed notification, "#<label> (<summary>) [<id>,<key>]" (the
    "default" action is listed too), to its `dmenu`, which is `dunst-choose-action` here: it
    prints the line `want.json` in the state folder asks for. dunst then sends
    `ActionInvoked(id, key)` to the notification's sender and closes the notification
    (`NotificationClosed` reason 2), unless it has the "resident" hint.
    """

    def __init__(self, config: Path = DUNSTRC, log_dir: Optional[Path] = None) -> None:
        self.config = Path(config)
        self.log_dir = Path(log_dir) if log_dir else None
        self.state: Optional[Path] = None
        self.process: Optional[subprocess.Popen] = None
        self.recorder: Optional[BusRecorder] = None
        self.paused = False

    # ---- lifecycle ---------------------------------------------------------------------

    def start(self, timeout: float = 10) -> "Dunst":
        """Starts the recorder, then dunst on $DISPLAY; returns once dunst owns the name and
        the recorder has seen dunst answer (so no notification sent afterwards is missed)."""
        if not os.environ.get("DISPLAY"):
            raise DesktopError("Dunst.start() needs DISPLAY (dunst draws on the X server)")
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise DesktopError("Dunst.start() needs DBUS_SESSION_BUS_ADDRESS (a private bus)")
        owner = _run(["busctl", "--user", "status", NOTIFICATIONS], check=False)
        if owner.returncode == 0:
            raise DesktopError(f"{NOTIFICATIONS} is already owned on this bus:\n{owner.stdout[:300]}")
        self.state = Path(tempfile.mkdtemp(prefix="dunst-"))
        _TEMP_DIRS.append(self.state)
        logs = self.log_dir or self.state
        logs.mkdir(parents=True, exist_ok=True)
        self.dunst_log = logs / "dunst.log"
        self.recorder = BusRecorder(
            [f"type='method_call',interface='{NOTIFICATIONS}'",
             f"type='signal',interface='{NOTIFICATIONS}'",
             "type='method_return'", "type='error'"],
            logs / "dbus-monitor.log",
        )
        self.recorder.start(timeout)
        env = dict(os.environ)
        env["PATH"] = f"{CHOOSER.parent}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}"
        env["COFFEECHAT_DUNST_STATE"] = str(self.state)
        self.process = _spawn(["dunst", "-config", str(self.config)], self.dunst_log, env=env,
                              start_new_session=True)
        _wait_name(NOTIFICATIONS, timeout, self.process, self.dunst_log)
        info = _busctl_json(["call", NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS,
                             "GetServerInformation"], timeout)
        self.server_information = info["data"]  # ["dunst", "knopwob", "1.9.0 (2022-06-27)", "1.2"]
        self.recorder.wait(lambda m: m.get("member") == "GetServerInformation", timeout,
                           "the recorder to see dunst")
        self.paused = False
        return self

    def stop(self) -> None:
        """Stops dunst (resuming it first if paused) and the recorder, and removes the state
        folder (with the logs, unless a log_dir was given)."""
        _stop_process(self.process)
        self.process = None
        self.paused = False
        if self.recorder is not None:
            self.recorder.stop()
        if self.state is not None:
            shutil.rmtree(self.state, ignore_errors=True)

    def __enter__(self) -> "Dunst":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def pause(self) -> None:
        """SIGSTOP: dunst keeps its bus name but answers nothing, like a stuck server. A Notify
        sent now blocks its sender (notify-rust sets no timeout) and shows up in `sent()` with
        id None, not in `displayed()`."""
        self.process.send_signal(signal.SIGSTOP)
        self.paused = True

    def resume(self) -> None:
        """SIGCONT: dunst answers the calls that queued up meanwhile."""
        self.process.send_signal(signal.SIGCONT)
        self.paused = False

    # ---- what dunst was sent and shows ------------------------------------------------

    def _require(self) -> BusRecorder:
        if self.recorder is None:
            raise DesktopError("Dunst is not started")
        return self.recorder

    def _state(self) -> tuple[list[dict], dict[int, dict], list[dict]]:
        """(every Notify call in order, open notifications by id, ActionInvoked signals)."""
        calls: dict[tuple, dict] = {}
        sent: list[dict] = []
        shown: dict[int, dict] = {}
        invoked: list[dict] = []
        for m in self._require().snapshot():
            kind, member = m.get("type"), m.get("member")
            if kind == "method_call" and member == "Notify" and m.get("interface") == NOTIFICATIONS:
                body = m.get("body") or []
                if len(body) < 8:
                    continue
                app, replaces, icon, summary, text, actions, hints, expire = body[:8]
                note = {
                    "id": None, "appname": app, "summary": summary, "body": text,
                    "actions": dict(zip(actions[0::2], actions[1::2])), "icon": icon,
                    "hints": {k: v for k, v in hints.items() if not isinstance(v, (bytes, tuple))},
                    "expire_timeout": expire, "replaces_id": replaces, "sender": m.get("sender"),
                    "time": m["time"], "error": None, "closed": None,
                }
                calls[(m.get("sender"), m["serial"])] = note
                sent.append(note)
            elif kind in ("method_return", "error"):
                note = calls.pop((m.get("destination"), m.get("reply_serial")), None)
                if note is None:
                    continue
                if kind == "error":
                    note["error"] = m.get("error_name")
                    continue
                note["id"] = (m.get("body") or [None])[0]
                note["shown_after"] = round(m["time"] - note["time"], 3)
                previous = shown.get(note["id"])
                if previous is not None:
                    previous["closed"] = "replaced"
                shown[note["id"]] = note
            elif kind == "signal" and m.get("interface") == NOTIFICATIONS:
                body = m.get("body") or []
                if member == "NotificationClosed" and body:
                    note = shown.pop(body[0], None)
                    if note is not None:
                        note["closed"] = CLOSED_REASONS.get(body[1] if len(body) > 1 else 4, "?")
                elif member == "ActionInvoked" and len(body) >= 2:
                    invoked.append({"id": body[0], "key": body[1], "time": m["time"]})
        return sent, shown, invoked

    def sent(self) -> list[dict]:
        """Every Notify call since start(), oldest first, as dicts like `displayed()` gives,
        plus "id" None while dunst has not answered (paused), "error" (a D-Bus error name or
        None), "closed" (None, or why it closed: "expired", "dismissed", "closed by call",
        "undefined", or "replaced" by a later Notify with its id as replaces_id).

        notify-send (libnotify) calls GetServerInformation before Notify, so a paused dunst
        blocks it before anything shows up here; notify-rust calls Notify directly."""
        return self._state()[0]

    def displayed(self) -> list[dict]:
        """The notifications on screen now, oldest first: dicts with "id" (dunst's id, as the
        app got it), "appname", "summary", "body", "actions" ({key: label} in the order sent;
        {} when none), "icon", "hints" (simple values only, no image data), "expire_timeout",
        "replaces_id", "sender" (the app's unique bus name)."""
        return sorted(self._state()[1].values(), key=lambda n: n["time"])

    def invoked(self) -> list[dict]:
        """ActionInvoked signals dunst sent, oldest first: [{"id", "key"}]."""
        return self._state()[2]

    def count_displayed(self) -> int:
        """dunst's own count of displayed notifications (`dunstctl count displayed`)."""
        return int(_run(["dunstctl", "count", "displayed"]).stdout.strip())

    def history(self) -> list[dict]:
        """Closed notifications (`dunstctl history`), newest first: {id, appname, summary, body}."""
        data = json.loads(_run(["dunstctl", "history"]).stdout)
        return [{k: entry[k]["data"] for k in ("id", "appname", "summary", "body") if k in entry}
                for entry in data["data"][0]]

    def wait_for(self, predicate: Optional[Callable[[dict], bool]] = None, timeout: float = 10,
                 what: str = "a notification") -> dict:
        """The first displayed notification matching PREDICATE (any, when None), waiting up to
        TIMEOUT seconds for it. Fails saying what is displayed instead."""
        predicate = predicate or (lambda n: True)
        deadline = time.monotonic() + timeout
        recorder = self._require()
        while True:
            for note in self.displayed():
                if predicate(note):
                    return note
            left = deadline - time.monotonic()
            if left <= 0:
                shown = [(n["id"], n["appname"], n["summary"]) for n in self.displayed()]
                pending = [n["summary"] for n in self.sent() if n["id"] is None]
                raise DesktopError(
                    f"no {what} within {timeout} s; displayed: {shown}; sent but unanswered:"
                    f" {pending}"
                )
            with recorder.changed:
                recorder.changed.wait(min(left, 0.25))

    # ---- acting on notifications -------------------------------------------------------

    def _resolve(self, notification: NotificationRef, action: str, timeout: float) -> tuple[dict, str]:
        if isinstance(notification, dict):
            notification = notification["id"]

        def has_action(n: dict) -> bool:
            if notification is not None and n["id"] != notification:
                return False
            return action in n["actions"] or action in n["actions"].values()

        what = (f"notification {notification}" if notification is not None else "notification")
        note = self.wait_for(has_action, timeout, f"{what} with an action {action!r}")
        if notification is None:  # the newest one offering it
            note = [n for n in self.displayed() if has_action(n)][-1]
        key = action if action in note["actions"] else next(
            k for k, label in note["actions"].items() if label == action)
        return note, key

    def invoke_action(self, notification: NotificationRef, action: str, timeout: float = 10) -> dict:
        """Invokes ACTION (a key like "mark" or a label like "Mark sent") of NOTIFICATION (its id,
        a dict from displayed(), or None for the newest displayed one offering that action)
        through dunst's context menu, as a user picking it would. Returns the notification.
        Fails unless dunst sent ActionInvoked(id, key) within TIMEOUT seconds."""
        note, key = self._resolve(notification, action, timeout)
        want = self.state / "want.json"
        recorder = self._require()
        since = len(recorder.snapshot())
        menus_before = len(self.menu_log())
        want.write_text(json.dumps({"id": note["id"], "key": key}))

        def invoked() -> bool:
            return any(m.get("member") == "ActionInvoked" and m.get("body", [])[:2] == [note["id"], key]
                       for m in recorder.snapshot()[since:])

        deadline = time.monotonic() + timeout
        try:
            while True:
                menus = len(self.menu_log())
                # ContextMenuCall returns at once; dunst runs the menu on a thread of its own.
                _run(["dunstctl", "context"], timeout=max(1.0, deadline - time.monotonic()))
                # Then either ActionInvoked comes, or the menu ran without offering the action
                # (dunst had not put the notification on screen yet): ask again.
                retry_at = time.monotonic() + 2
                while time.monotonic() < min(retry_at, deadline):
                    if invoked():
                        return note
                    if len(self.menu_log()) > menus and self.menu_log()[-1]["chosen"] is None:
                        break
                    time.sleep(0.05)
                if invoked():
                    return note
                if time.monotonic() >= deadline:
                    offered = [m["offered"] for m in self.menu_log()[menus_before:]]
                    raise DesktopError(
                        f"dunst did not invoke {key!r} on notification {note['id']} within"
                        f" {timeout} s; its context menus offered: {offered or 'nothing (no menu ran)'}"
                    )
                time.sleep(0.1)
        finally:
            want.unlink(missing_ok=True)

    def menu_log(self) -> list[dict]:
        """Every context menu dunst ran: [{"offered": [lines], "want": {...}, "chosen": line}]."""
        log = self.state / "menu.log"
        return [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []

    def close(self, notification: NotificationRef) -> None:
        """Closes one notification through the spec's CloseNotification (reason "closed by call")."""
        nid = notification["id"] if isinstance(notification, dict) else notification
        _run(["busctl", "--user", "call", NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS,
              "CloseNotification", "u", str(nid)])

    def close_all(self, timeout: float = 5) -> None:
        """`dunstctl close-all` (reason "dismissed"), then waits until displayed() is empty."""
        _run(["dunstctl", "close-all"])
        deadline = time.monotonic() + timeout
        while self.displayed():
            if time.monotonic() >= deadline:
                raise DesktopError(f"still displayed after close-all: {self.displayed()}")
            time.sleep(0.05)


# --------------------------------------------------------------------------------------------
# Tray
# --------------------------------------------------------------------------------------------

ItemRef = str
EntryRef = Union[int, str]


def _strip_mnemonic(label: str) -> str:
    """GTK mnemonic markup as dbusmenu exports it: "_Quit" -> "Quit", "a__b" -> "a_b"."""
    return re.sub(r"_(.)", r"\1", label).rstrip("_") if "_" in label else label


class Tray:
    """A headless tray host: `status-notifier-watcher` (haskell-status-notifier-item-utils) as
    `org.kde.StatusNotifierWatcher`, and a dbusmenu client for the items that register.

    D-Bus, as libayatana-appindicator (Tauri v2's tray on Linux) exports it:
    - watcher: `org.kde.StatusNotifierWatcher` at `/StatusNotifierWatcher`, interface
      `org.kde.StatusNotifierWatcher`, property `RegisteredStatusNotifierItems` (as): each entry
      the item's bus name, possibly followed by its object path.
    - item: on the app's unique name, object `/org/ayatana/NotificationItem/<id>`, interface
      `org.kde.StatusNotifierItem`; its `Menu` property (o) is the menu's object path, usually
      `/org/ayatana/NotificationItem/<id>/Menu`.
    - menu: interface `com.canonical.dbusmenu`: `GetLayout(i parent, i depth, as props)` ->
      `(u revision, (i id, a{sv} props, av children))`; `Event(i id, s "clicked", v data,
      u timestamp)` is what a tray host sends when the user picks an entry.
    On Linux the icon itself gets no clicks (only its menu) and the tooltip is not exposed.
    """

    def __init__(self, log_dir: Optional[Path] = None) -> None:
        """LOG_DIR keeps the watcher's log; without it the log goes to a temporary folder that
        stop() removes."""
        self.own_log_dir = log_dir is None
        self.log_dir = Path(log_dir) if log_dir else Path(tempfile.mkdtemp(prefix="sni-"))
        if self.own_log_dir:
            _TEMP_DIRS.append(self.log_dir)
        self.process: Optional[subprocess.Popen] = None

    def start_watcher(self, timeout: float = 10) -> "Tray":
        """Starts status-notifier-watcher (needs no X) and waits until it owns its name. An
        appindicator started earlier registers as soon as the watcher appears (tried with
        libayatana-appindicator 0.5.92: 10 ms); with no watcher at all its icon is invisible."""
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise DesktopError("Tray.start_watcher() needs DBUS_SESSION_BUS_ADDRESS (a private bus)")
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.log = self.log_dir / "status-notifier-watcher.log"
        self.process = _spawn(["status-notifier-watcher"], self.log, start_new_session=True)
        _wait_name(WATCHER, timeout, self.process, self.log)
        return self

    def stop(self) -> None:
        """Stops the watcher (items lose their registration; the app's icon becomes invisible)."""
        _stop_process(self.process)
        self.process = None
        if self.own_log_dir:
            shutil.rmtree(self.log_dir, ignore_errors=True)

    def __enter__(self) -> "Tray":
        return self.start_watcher()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def items(self) -> list[str]:
        """The registered items as the watcher lists them (bus name, maybe with a path)."""
        reply = _busctl_json(["get-property", WATCHER, WATCHER_PATH, WATCHER,
                              "RegisteredStatusNotifierItems"])
        return list(reply["data"])

    def wait_for_item(self, timeout: float = 10, predicate: Optional[Callable[[str], bool]] = None) -> str:
        """The first registered item (matching PREDICATE), waiting up to TIMEOUT seconds."""
        deadline = time.monotonic() + timeout
        while True:
            found = [i for i in self.items() if predicate is None or predicate(i)]
            if found:
                return found[0]
            if time.monotonic() >= deadline:
                raise DesktopError(f"no tray item registered within {timeout} s")
            time.sleep(0.1)

    def item_path(self, item: ItemRef) -> tuple[str, str]:
        """(bus name, object path) of the StatusNotifierItem ITEM."""
        name, _, path = item.partition("/")
        if path:
            return name, "/" + path
        tree = _run(["busctl", "--user", "tree", "--list", name]).stdout.split()
        candidates = [p for p in tree if p.startswith("/org/ayatana/NotificationItem/")
                      and not p.endswith("/Menu")]
        candidates += [p for p in ("/StatusNotifierItem",) if p in tree]
        for candidate in candidates:
            probe = _run(["busctl", "--user", "get-property", name, candidate, ITEM_IFACE, "Id"],
                         check=False)
            if probe.returncode == 0:
                return name, candidate
        raise DesktopError(f"{name} exports no {ITEM_IFACE} (objects: {tree})")

    def properties(self, item: ItemRef) -> dict:
        """The item's StatusNotifierItem properties (Id, Title, Status, IconName, Menu...)."""
        name, path = self.item_path(item)
        reply = _busctl_json(["call", name, path, "org.freedesktop.DBus.Properties", "GetAll",
                              "s", ITEM_IFACE])
        return {k: v["data"] for k, v in reply["data"][0].items()}

    def menu_path(self, item: ItemRef) -> tuple[str, str]:
        """(bus name, dbusmenu object path) of ITEM's menu."""
        name, path = self.item_path(item)
        reply = _busctl_json(["get-property", name, path, ITEM_IFACE, "Menu"])
        return name, reply["data"]

    def menu(self, item: ItemRef) -> list[dict]:
        """ITEM's menu, the root's children in order, each a dict: "id" (int, for click),
        "label" (as read: GTK mnemonic underscores and Unicode isolates U+2068/U+2069 removed),
        "raw_label" (as exported),
        "enabled", "visible", "type" ("standard" or "separator"), "toggle_type" ("", "checkmark"
        or "radio"), "toggle_state" (1 on, 0 off, -1 none), "children" (same dicts; a submenu)."""
        name, menu = self.menu_path(item)
        # Some exporters fill a menu lazily; AboutToShow(root) asks for it (its answer is moot).
        _run(["busctl", "--user", "call", name, menu, DBUSMENU, "AboutToShow", "i", "0"], check=False)
        reply = _busctl_json(["call", name, menu, DBUSMENU, "GetLayout", "iias", "0", "-1", "0"])
        _revision, root = reply["data"]
        return [self._entry(child) for child in root[2]]

    @classmethod
    def _entry(cls, variant: Any) -> dict:
        node = variant["data"] if isinstance(variant, dict) and "type" in variant else variant
        entry_id, props, children = node
        props = {k: (v["data"] if isinstance(v, dict) and "data" in v else v) for k, v in props.items()}
        raw = props.get("label", "")
        return {
            "id": entry_id,
            # As a user reads it: the invisible isolates the app puts around names are dropped.
            "label": _strip_mnemonic(raw).replace("\u2068", "").replace("\u2069", ""),
            "raw_label": raw,
            "enabled": bool(props.get("enabled", True)),
            "visible": bool(props.get("visible", True)),
            "type": props.get("type", "standard"),
            "toggle_type": props.get("toggle-type", ""),
            "toggle_state": int(props.get("toggle-state", -1)),
            "children": [cls._entry(c) for c in children],
            "props": props,
        }

    @staticmethod
    def find(entries: list[dict], label_or_id: EntryRef) -> Optional[dict]:
        """The first entry, depth first, whose id or label (shown or raw) is LABEL_OR_ID."""
        for entry in entries:
            if entry["id"] == label_or_id or label_or_id in (entry["label"], entry["raw_label"]):
                return entry
            found = Tray.find(entry["children"], label_or_id)
            if found is not None:
                return found
        return None

    def click(self, item: ItemRef, label_or_id: EntryRef, allow_disabled: bool = False) -> dict:
        """Clicks a menu entry (by id or label) the way a tray host does: dbusmenu
        Event(id, "clicked", <int32 0>, timestamp). Fails if no visible entry matches or it is
        disabled (unless ALLOW_DISABLED). Returns the entry."""
        entries = self.menu(item)
        entry = self.find(entries, label_or_id)
        if entry is None or not entry["visible"]:
            labels = [e["label"] for e in entries]
            raise DesktopError(f"no tray menu entry {label_or_id!r}; the menu has {labels}")
        if not entry["enabled"] and not allow_disabled:
            raise DesktopError(f"tray menu entry {entry['label']!r} is disabled")
        name, menu = self.menu_path(item)
        _run(["busctl", "--user", "call", name, menu, DBUSMENU, "Event", "isvu",
              str(entry["id"]), "clicked", "i", "0", str(int(time.time()) & 0xFFFFFFFF)])
        return entry
