"""Drives the real Coffee Chat window through tauri-driver (WebKitWebDriver underneath).

`App` wraps one WebDriver session, that is one running app, with the few moves the tests make
the way a user makes them: follow the nav, fill the form, press the button, wait for the view.
The selectors are the UI's contract (see the brief in tests/e2e/README.md); nothing here reaches
into the app's JavaScript state.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

APP = os.environ.get("COFFEECHAT_E2E_APP", "")
DRIVER_URL = os.environ.get("COFFEECHAT_E2E_DRIVER", "http://127.0.0.1:4444")
SCREENSHOTS = Path(os.environ.get("COFFEECHAT_E2E_SCREENSHOTS", "target/e2e-screenshots"))
WINDOW_TITLE = "Coffee Chat"
COMMAND_TIMEOUT = 60  # seconds a single WebDriver command may take
VIEWS = ("today", "people", "person", "interview", "pipeline", "settings", "fields", "field", "organisations",
         "progress", "network")

# Inputs WebKit's send_keys cannot fill reliably: their value is set from script instead.
SCRIPT_FILLED_TYPES = {"date", "datetime-local", "time", "month", "week", "color", "range"}

_SET_VALUE = """
const [el, value] = arguments;
el.value = value;
el.dispatchEvent(new Event('input', {bubbles: true}));
el.dispatchEvent(new Event('change', {bubbles: true}));
return el.value;
"""

# Resolves after two animation frames: by then what the page shows has been painted, so a
# screenshot taken next does not lag the page by a frame.
_SETTLE = """
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
"""


class TauriOptions(ArgOptions):
    """Capabilities for tauri-driver: browser "wry" and the application to launch."""

    def __init__(self, application: str) -> None:
        super().__init__()
        self.set_capability("browserName", "wry")
        self.set_capability("tauri:options", {"application": application})

    @property
    def default_capabilities(self) -> dict:
        return {}


def app_windows(visible_only: bool = False) -> list[str]:
    """X window ids named exactly like the app's window, on the test display."""
    command = ["xdotool", "search"]
    if visible_only:
        command.append("--onlyvisible")
    command += ["--name", f"^{WINDOW_TITLE}$"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return result.stdout.split()


def app_processes(data_home: str | None = None) -> list[str]:
    """Process ids running the app binary under test on a data folder, by default this run's.
    Other test runs on the machine may run the same binary with their own XDG_DATA_HOME: those
    are not ours."""
    result = subprocess.run(["pgrep", "-f", f"^{APP}( |$)"], capture_output=True, text=True, check=False)
    data_home = data_home if data_home is not None else os.environ.get("XDG_DATA_HOME", "")
    ours = f"XDG_DATA_HOME={data_home}".encode()
    pids = []
    for pid in result.stdout.split():
        try:
            environment = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:  # It ended meanwhile.
            continue
        if ours in environment:
            pids.append(pid)
    return pids


# The resident part (Linux): the tray, the reminders and their notifications, started by the
# window once it has painted and living on after it; one per session bus.
RESIDENT = str(Path(APP).parent / "coffeechat-resident") if APP else ""
RESIDENT_NAME = "org.coffeechat.desktop.Resident"


def resident_processes() -> list[str]:
    """Process ids of the resident part under test on this run's session bus (other runs on the
    machine may run the same binary on theirs)."""
    result = subprocess.run(["pgrep", "-f", f"^{RESIDENT}( |$)"], capture_output=True, text=True, check=False)
    ours = f"DBUS_SESSION_BUS_ADDRESS={os.environ.get('DBUS_SESSION_BUS_ADDRESS', '')}".encode()
    pids = []
    for pid in result.stdout.split():
        try:
            environment = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # It ended meanwhile.
            continue
        if ours in environment and state != "Z":
            pids.append(pid)
    return pids


def end_resident(timeout: float = 15) -> None:
    """Ends the session's resident part as its Quit does (it would also end a window, none
    runs when this is called) and waits until it is gone, so the next window starts one on
    its own data folder."""
    subprocess.run(["busctl", "--user", "--timeout=5", "call", RESIDENT_NAME, "/org/coffeechat/Resident",
                    RESIDENT_NAME, "Quit"], capture_output=True, check=False, timeout=15)
    deadline = time.monotonic() + timeout
    while resident_processes() and time.monotonic() < deadline:
        time.sleep(0.1)
    left = resident_processes()
    for pid in left:
        os.kill(int(pid), signal.SIGTERM)
    assert not left, f"the resident part (pid {', '.join(left)}) was still running {timeout} s after Quit"


class App:
    """One running Coffee Chat window, driven through WebDriver."""

    def __init__(self, application: str = APP, driver_url: str = DRIVER_URL) -> None:
        self.application = application
        self.driver_url = driver_url
        self.driver: webdriver.Remote | None = None

    # --- Lifetime ---------------------------------------------------------------------------

    def start(self) -> "App":
        assert self.driver is None, "the app is already running"
        # A command that hangs fails its test after a minute instead of stalling the run.
        config = ClientConfig(remote_server_addr=self.driver_url, timeout=COMMAND_TIMEOUT)
        self.driver = webdriver.Remote(
            command_executor=RemoteConnection(client_config=config),
            options=TauriOptions(self.application),
        )
        return self

    def quit(self) -> None:
        """Ends the session, which closes the app, and waits until its process is gone so the
        next launch never races the old one for the data file."""
        if self.driver is None:
            return
        try:
            self.driver.quit()
        except WebDriverException as error:
            # The session may already be gone with the app (the failure being reported).
            print(f"ending the WebDriver session failed: {error.msg or error!r}")
        finally:
            self.driver = None
        deadline = time.monotonic() + 15
        while app_processes() and time.monotonic() < deadline:
            time.sleep(0.1)
        left = app_processes()
        for pid in left:  # Ours by pid and data folder, so the next launch starts clean.
            os.kill(int(pid), signal.SIGTERM)
        assert not left, f"the app (pid {', '.join(left)}) was still running 15 s after its session ended"

    def restart(self) -> "App":
        """Quits the app and launches it again on the same data."""
        self.quit()
        return self.start()

    # --- Waiting ----------------------------------------------------------------------------

    def wait(self, condition, message: str, timeout: float = 10):
        """Waits until condition() returns something truthy and returns it. Elements that go
        stale or missing while the view re-renders just mean "not yet"."""
        wait = WebDriverWait(
            self.driver,
            timeout,
            poll_frequency=0.1,
            ignored_exceptions=(NoSuchElementException, StaleElementReferenceException),
        )
        return wait.until(lambda _driver: condition(), message)

    def current_view(self) -> tuple[str | None, str | None]:
        """(document.body.dataset.view, main#view's aria-busy)."""
        return tuple(
            self.driver.execute_script(
                "const main = document.querySelector('main#view');"
                "return [document.body.dataset.view || null,"
                "        main ? main.getAttribute('aria-busy') : null];"
            )
        )

    def wait_view(self, name: str, timeout: float = 10) -> None:
        """Waits until the view `name` finished rendering (data-view set, main#view not busy)."""
        assert name in VIEWS, name
        try:
            self.wait(lambda: self.current_view() == (name, "false"), "", timeout)
        except TimeoutException:
            view, busy = self.current_view()
            raise AssertionError(
                f"view {name!r} did not finish rendering in {timeout} s: body[data-view]={view!r}, "
                f"main#view[aria-busy]={busy!r}, location.hash={self.hash()!r}"
            ) from None
        self.assert_no_error_page()

    def assert_no_error_page(self) -> None:
        """Fails when the view rendered the app's "could not be shown" page instead of itself."""
        errors = self.find_all("main#view .error-page")
        assert not errors, f"the view shows an error page: {errors[0].text!r}"

    def wait_ready(self, timeout: float = 20) -> str:
        """Waits for the first view after launch to finish rendering and returns its name."""
        try:
            self.wait(
                lambda: self.current_view()[0] in VIEWS and self.current_view()[1] == "false",
                "",
                timeout,
            )
        except TimeoutException:
            view, busy = self.current_view()
            raise AssertionError(
                f"no view finished rendering {timeout} s after launch: body[data-view]={view!r}, "
                f"main#view[aria-busy]={busy!r}, title={self.driver.title!r}"
            ) from None
        return self.current_view()[0]

    def settle(self) -> None:
        """Waits until the current state of the page is painted."""
        self.driver.execute_async_script(_SETTLE)

    # --- Finding ----------------------------------------------------------------------------

    def find(self, css: str, within: WebElement | None = None) -> WebElement:
        return (within or self.driver).find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str, within: WebElement | None = None) -> list[WebElement]:
        return (within or self.driver).find_elements(By.CSS_SELECTOR, css)

    def exists(self, css: str) -> bool:
        return bool(self.find_all(css))

    def wait_visible(self, css: str, timeout: float = 10) -> WebElement:
        return self.wait(
            lambda: (el := self.find(css)).is_displayed() and el,
            f"{css} was not shown within {timeout} s",
            timeout,
        )

    def hash(self) -> str:
        return self.driver.execute_script("return location.hash")

    # --- Acting -----------------------------------------------------------------------------

    def go(self, view: str) -> None:
        """Follows the nav link to a top-level view and waits until it rendered."""
        self.find(f'a[data-nav="{view}"]').click()
        self.wait_view(view)

    def click(self, target: str | WebElement) -> None:
        """Scrolls the element into the middle of its scrolling box, as a user would scroll to
        it, and clicks it. (WebKitWebDriver does not scroll inside a modal <dialog> by itself.)"""
        if isinstance(target, str):
            element = self.wait(
                lambda: (el := self.find(target)).is_displayed() and el.is_enabled() and el,
                f"{target} was not shown and enabled",
            )
        else:
            element = target
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def set_value(self, target: str | WebElement, value: str) -> None:
        """Sets an input's value from script and fires `input` and `change`, as a user's edit
        would. For the inputs WebKit's send_keys cannot type into (date, datetime-local), and
        for values a user could paste past the input's own limits."""
        element = self.find(target) if isinstance(target, str) else target
        self.driver.execute_script(_SET_VALUE, element, value)

    def fill(self, target: str | WebElement, value: str) -> None:
        """Fills one field the way a user would and checks it holds exactly `value`."""
        element = self.find(target) if isinstance(target, str) else target
        tag = element.tag_name.lower()
        kind = (element.get_attribute("type") or "").lower()
        if tag == "select":
            Select(element).select_by_value(value)
        elif kind in SCRIPT_FILLED_TYPES:
            self.set_value(element, value)
        else:
            # Select all and delete, as a user clears a field: unlike WebDriver's clear(), the
            # keys fire the `input` event that search-as-you-type listens to.
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            if element.get_property("value"):
                element.send_keys(Keys.CONTROL, "a")
                element.send_keys(Keys.BACKSPACE)
            if value:
                element.send_keys(value)
        actual = element.get_property("value")
        assert actual == value, (
            f"field {element.get_attribute('id') or element.get_attribute('name')!r} holds "
            f"{actual!r} after filling in {value!r}"
        )

    def press(self, *keys: str) -> None:
        """Presses keys on whatever has the focus."""
        ActionChains(self.driver).send_keys(*keys).perform()

    def focus(self, element: WebElement) -> None:
        self.driver.execute_script("arguments[0].focus()", element)

    def focused(self) -> WebElement:
        return self.driver.switch_to.active_element

    def screenshot(self, name: str) -> Path:
        """Saves target/e2e-screenshots/<name>.png: the app's window as the X server shows it,
        once the page is painted.

        Not WebDriver's screenshot: WebKitGTK takes that after the page's next rendering update,
        and on an idle page under Xvfb (nothing animating, no caret blinking) none comes, so the
        command hangs until WebKitWebDriver gives the session up as "page crash or hang"."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.settle()
        windows = app_windows(visible_only=True)
        assert len(windows) == 1, f"expected one visible app window to screenshot, found {windows}"
        subprocess.run(["import", "-window", windows[0], str(path)], check=True, timeout=30)
        return path

    def toast(self) -> str:
        return self.find("#toast").text

    def field_error(self, field: str, within: str = "") -> WebElement:
        return self.find(f'{within} .field-error[data-for="{field}"]'.strip())

    def wait_field_error(self, field: str, within: str = "", timeout: float = 10) -> str:
        """Waits until the error next to `field` is shown and returns its text."""
        css = f'{within} .field-error[data-for="{field}"]'.strip()
        try:
            return self.wait(
                lambda: (el := self.find(css)).is_displayed() and el.text.strip(), "", timeout
            )
        except TimeoutException:
            found = self.find_all(css)
            state = (
                f"it exists but shows {found[0].text!r} (displayed={found[0].is_displayed()})"
                if found
                else "no such element"
            )
            raise AssertionError(f"no error shown at {css} within {timeout} s: {state}") from None
