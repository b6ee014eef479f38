"""Accessibility, measured with axe-core in the real window: every screen, in the light and the
dark theme, with no violation allowed.

axe-core is the version package.json pins (node_modules/axe-core, installed by
scripts/setup.sh's `npm ci`); it is injected through WebDriver, which the page's CSP does not
restrict. The theme is the desktop's, as a user's would be: WebKitGTK takes prefers-color-scheme
from GTK, so each theme runs the app under a tauri-driver of its own whose environment says
GTK_THEME=Adwaita or Adwaita:dark. Both runs share one fresh data folder: the light run adds a
person with an interview at each part of the method (requested, scheduled, done), the dark run
walks the same screens.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import urllib3
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from flows import add_person, dialog_open, id_from_hash, step_forward, wait_stage
from harness import App, app_processes, app_windows

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# What axe finds, reduced to what a reader of the failure needs: the rule, its help, and the
# elements with axe's summary of what is wrong with each.
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ["violations"] })
  .then((result) => done(result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }))))
  .catch((error) => done({ error: String(error) }));
"""


# What axe-core 4.14 does not check: the edges of text fields, lists and menus against what is
# inside and around them (WCAG 1.4.11, 3:1), and placeholder text, which carries hints here
# (1.4.3, 4.5:1). Measured with the same formula, on the colours the page computes.
CONTROLS = """
const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => {
  const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const ratio = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
};
const opaque = (c) => c.length < 4 || c[3] > 0;
const behind = (el) => {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (opaque(c)) return c;
  }
  return [255, 255, 255];
};
// WebKit's getComputedStyle(el, "::placeholder") gives the text's colour: the placeholder's is
// read from the style sheets (the last ::placeholder rule whose selector matches the field,
// its var() resolved on the field), or WebKit's own default, darkgray, when none does.
const placeholderRules = [];
const collect = (rules) => {
  for (const rule of rules) {
    if (rule.cssRules && !rule.selectorText) collect(rule.cssRules);
    else if (rule.selectorText?.includes("::placeholder") && rule.style.color) placeholderRules.push(rule);
  }
};
for (const sheet of document.styleSheets) collect(sheet.cssRules);
const probe = document.createElement("span");
document.body.append(probe);
const resolve = (value, el) => {
  const variable = value.match(/var\\((--[\\w-]+)\\)/);
  probe.style.color = variable ? getComputedStyle(el).getPropertyValue(variable[1]).trim() : value;
  return rgb(getComputedStyle(probe).color);
};
const placeholderColour = (el) => {
  let colour = "darkgray";
  for (const rule of placeholderRules) {
    for (const selector of rule.selectorText.split(",")) {
      const base = selector.replace("::placeholder", "").trim() || "*";
      if (el.matches(base)) colour = rule.style.color;
    }
  }
  return resolve(colour, el);
};
const name = (el) => el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}[name=${el.name || "?"}]`;
const problems = [];
for (const el of document.querySelectorAll("input, select, textarea")) {
  if (["checkbox", "radio", "hidden", "range", "file", "submit", "button"].includes(el.type)) continue;
  if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
  const style = getComputedStyle(el);
  const inside = opaque(rgb(style.backgroundColor)) ? rgb(style.backgroundColor) : behind(el);
  const outside = behind(el);
  const edge = rgb(style.borderTopColor);
  const edgeRatio = Math.min(ratio(edge, inside), ratio(edge, outside));
  if (parseFloat(style.borderTopWidth) > 0 && edgeRatio < 3) {
    problems.push({ target: name(el), summary: `its edge ${style.borderTopColor} is ${edgeRatio}:1 against ${inside} inside and ${outside} around it; needs 3:1` });
  }
  if (el.placeholder && !el.value) {
    const hint = placeholderColour(el);
    const hintRatio = ratio(hint, inside);
    if (hintRatio < 4.5) {
      problems.push({ target: name(el), summary: `its placeholder ${hint} is ${hintRatio}:1 against ${inside}; needs 4.5:1` });
    }
  }
}
probe.remove();
return problems;
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def themed(tmp_path):
    """launch(theme): the app under a tauri-driver whose GTK theme is `theme`, on this test's
    data folder; each call quits the app launched before."""
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
        deadline = time.monotonic() + 15
        while app_processes(str(data_home)) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in app_processes(str(data_home)):
            os.kill(int(pid), signal.SIGTERM)

    def launch(theme: str) -> App:
        # A new tauri-driver now and then drops the very first request ("Remote end closed
        # connection without response", as test_07 saw); another on fresh ports then starts the
        # app. A failure of the app itself fails every try.
        for attempt in range(3):
            try:
                return launch_once(theme)
            except (ConnectionError, urllib3.exceptions.ProtocolError) as error:
                if attempt == 2:
                    raise
                print(f"tauri-driver dropped the new session ({error!r}); starting another")
        raise AssertionError("unreachable")

    def launch_once(theme: str) -> App:
        stop()
        env = dict(os.environ, XDG_DATA_HOME=str(data_home), GTK_THEME=theme)
        port, native = free_port(), free_port()
        running["driver"] = subprocess.Popen(
            ["tauri-driver", "--port", str(port), "--native-port", str(native),
             "--native-driver", "/usr/bin/WebKitWebDriver"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        app = App(driver_url=f"http://127.0.0.1:{port}").start()
        running["app"] = app
        app.wait_ready()
        return app

    yield launch
    stop()
    # The next tests open the window where a new user's opens, not at this test's size.
    (Path(os.environ["XDG_CONFIG_HOME"]) / "org.coffeechat.desktop" / ".window-state.json").unlink(missing_ok=True)


def go_to(app: App, hash_: str, view: str) -> None:
    app.driver.execute_script("location.hash = arguments[0]", hash_)
    app.wait(lambda: app.current_view() == (view, "false"),
             f"view {view!r} did not render; it is {app.current_view()}")


class Audit:
    """Runs axe on the screen shown and keeps what it finds, per theme and screen, so one run
    reports every violation at once."""

    def __init__(self) -> None:
        assert AXE.is_file(), f"{AXE} is missing: run scripts/setup.sh (npm ci installs axe-core)"
        self.source = AXE.read_text()
        self.found: dict[str, list[dict]] = {}
        self.screens: list[str] = []

    def check(self, app: App, theme: str, screen: str, toast: bool = False) -> None:
        # A toast fading in or out is measured half transparent: wait until it is fully shown
        # (the screen that is about it) or gone (every other one; a "Saved" lasts 3 s).
        opacity = "1" if toast else "0"
        app.wait(lambda: app.driver.execute_script(
            "return getComputedStyle(document.getElementById('toast')).opacity") == opacity,
            f"the toast is not {'shown' if toast else 'gone'}: {app.toast()!r}")
        if not app.driver.execute_script("return typeof window.axe === 'object'"):
            app.driver.execute_script(self.source)
        version = app.driver.execute_script("return window.axe.version")
        assert version.startswith("4.14."), f"axe-core {version} is not the pinned 4.14"
        app.settle()
        result = app.driver.execute_async_script(RUN_AXE)
        assert not (isinstance(result, dict) and "error" in result), f"axe failed on {screen}: {result}"
        controls = app.driver.execute_script(CONTROLS)
        if controls:
            result.append({"id": "control-contrast", "impact": "serious", "nodes": controls,
                           "help": "Text fields' edges need 3:1, their placeholders 4.5:1"})
        name = f"{theme} · {screen}"
        self.screens.append(name)
        if result:
            self.found[name] = result
        app.screenshot(f"a11y-{theme}-{screen.replace(' ', '-')}")

    def report(self) -> str:
        lines = []
        for screen, violations in self.found.items():
            for v in violations:
                lines.append(f"{screen}: {v['id']} ({v['impact']}) {v['help']}")
                for node in v["nodes"][:6]:
                    summary = " ".join(node["summary"].split())
                    lines.append(f"    {node['target']}: {summary[:300]}")
        return "\n".join(lines)


def build_data(app: App) -> dict[str, int]:
    """A person with three interviews: one requested, one scheduled for next week, one done (with
    an insight on its field's board)."""
    person = add_person(app, "Amara Okafor", organisation="Riverside Health", field="UX research",
                        email="amara@example.org")
    interviews = {}
    for part in ("request", "prep", "after"):
        go_to(app, f"#/people/{person}", "person")
        app.click("#new-interview")
        interviews[part] = id_from_hash(app, r"#/interviews/(\d+)")
        wait_stage(app, "identified")
        if part == "request":
            step_forward(app, "connection_requested")
            continue
        for expected in ("connection_requested", "connected", "interview_requested"):
            step_forward(app, expected)
        days = 7 if part == "prep" else -1
        app.fill("#interview-scheduled_local", (date.today() + timedelta(days=days)).strftime("%Y-%m-%dT10:00"))
        app.click("#interview-save")
        app.wait(lambda: app.toast() == "Saved", f"not saved; toast: {app.toast()!r}")
        wait_stage(app, "interview_requested")
        step_forward(app, "scheduled")
        if part == "after":
            step_forward(app, "done")
            # Something learned, so the field's board has an entry to measure.
            app.fill("#insight-category", "advice")
            app.fill("#insight-text", "Show your research process, not only results.")
            app.click("#insight-add")
            app.wait(lambda: len(app.find_all("#insights .insight")) == 1, "the insight was not added")
            # Someone they introduced, so the network has a picture to measure.
            app.fill("#referral-name", "Kofi Mensah")
            app.click("#referral-add")
            app.wait(lambda: "Kofi Mensah" in app.find("#referrals").text, "the referral was not added")
    return {"person": person, **interviews}


def walk(app: App, audit: Audit, theme: str, ids: dict[str, int], not_an_export: Path) -> None:
    dark = app.driver.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
    assert dark == (theme == "dark"), f"GTK_THEME did not give the {theme} theme (dark: {dark})"
    for view in ("today", "people"):
        app.go(view)
        audit.check(app, theme, view)
    go_to(app, f"#/people/{ids['person']}", "person")
    audit.check(app, theme, "person")
    app.click("#delete-person")
    app.wait(lambda: app.driver.execute_script("return document.getElementById('confirm-dialog').open"),
             "Delete did not ask for confirmation")
    audit.check(app, theme, "delete confirmation")
    app.click("#confirm-cancel")
    app.click("#edit-person")
    app.wait(lambda: dialog_open(app), "the edit dialog did not open")
    audit.check(app, theme, "person dialog")
    app.press("\ue00c")  # Escape closes the dialog.
    app.wait(lambda: not dialog_open(app), "Escape did not close the dialog")
    app.go("pipeline")
    audit.check(app, theme, "pipeline")
    app.go("fields")
    audit.check(app, theme, "fields")
    app.click("#fields-list a")
    app.wait_view("field")
    audit.check(app, theme, "field")
    app.go("organisations")
    audit.check(app, theme, "organisations")
    for view in ("progress", "network"):
        app.go(view)
        audit.check(app, theme, view)
    # Find anything (Ctrl+K), with results.
    ActionChains(app.driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
    app.wait(lambda: app.driver.execute_script("return !!document.querySelector('#find-dialog[open]')"),
             "Ctrl+K did not open the find box")
    app.find("#find-input").send_keys("amara")
    app.wait(lambda: app.find("#find-results").get_attribute("data-query") == "amara"
             and app.find_all("#find-results [role=option]"), "the find box shows no results")
    audit.check(app, theme, "find anything")
    app.press(Keys.ESCAPE)
    app.wait(lambda: not app.driver.execute_script("return !!document.querySelector('#find-dialog[open]')"),
             "Escape did not close the find box")
    for part in ("request", "prep", "after"):
        go_to(app, f"#/interviews/{ids[part]}", "interview")
        audit.check(app, theme, f"interview {part}")
    go_to(app, f"#/interviews/{ids['prep']}/live", "live")
    audit.check(app, theme, "live")
    for view in ("settings", "data"):
        go_to(app, f"#/{view}", view)
        audit.check(app, theme, view)
    # An error, as the toast says it: a file that is not an export, chosen to restore.
    answer = Path(os.environ["COFFEECHAT_TEST_DIALOG"])
    answer.write_text(str(not_an_export))
    try:
        app.click("#restore-export")
        app.wait(lambda: app.find("#toast").get_attribute("data-kind") == "error"
                 and "visible" in app.find("#toast").get_attribute("class"),
                 f"no error toast after restoring a file that is not an export: {app.toast()!r}")
    finally:
        answer.write_text("")
    audit.check(app, theme, "error toast", toast=True)


def test_every_screen_passes_axe_in_the_light_and_the_dark_theme(themed, tmp_path):
    audit = Audit()
    not_an_export = tmp_path / "shopping-list.json"
    not_an_export.write_text('{"milk": 2}')
    app = themed("Adwaita")
    ids = build_data(app)
    walk(app, audit, "light", ids, not_an_export)
    # The dark run at the smallest window the app allows: colours and a cramped layout at once.
    app = themed("Adwaita:dark")
    window = app_windows(visible_only=True)[0]
    subprocess.run(["xdotool", "windowsize", window, "760", "520"], check=True, timeout=10)
    app.wait(lambda: app.driver.execute_script("return [innerWidth, innerHeight]") == [760, 520],
             "the window did not shrink to 760 x 520")
    walk(app, audit, "dark", ids, not_an_export)
    print(json.dumps(audit.screens))
    assert not audit.found, "axe-core found violations:\n" + audit.report()
