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
import zipfile
from pathlib import Path

import pytest

from flows import add_person, reload_people, search_people
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


def found(app: App, query: str) -> list[str]:
    """The names the People search lists for `query`, read again if the list re-renders."""
    return app.wait(lambda: list(search_people(app, query)) or [None], f"no results for {query!r}")


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
    assert rejected.get_attribute("data-line") == "7", "the hidden member is on line 7 of the file"
    assert "hides" in rejected.text.lower() or "name" in rejected.text.lower(), rejected.text
    updated = app.find('#import-rows tr[data-action="update"]')
    assert "Wren Castellano" in updated.text and "organisation" in updated.text, updated.text
    app.screenshot("data-import-preview")

    app.click("#import-confirm")
    app.wait_visible("#import-done", timeout=30)
    assert "2 people added" in app.find("#import-done").text
    app.click("#import-see-people")
    app.wait_view("people")

    assert found(app, "Harbor") == ["Imani Okafor"]
    app.wait(
        lambda: all(t in app.find("#people-list .person-row").text for t in ("UX Researcher", "Harbor Labs, Inc.")),
        "the imported person's title and organisation are not listed",
    )
    assert found(app, "Wren") == ["Wren Castellano"], "Wren was not imported a second time"


def test_a2_the_whole_linkedin_archive_puts_invited_people_at_their_stage(app, tmp_path):
    archive = tmp_path / "Complete_LinkedInDataExport_12-01-2026.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Connections.csv", CONNECTIONS.replace("Wren,Castellano", "Ruth,Abernathy-Osei").replace(
            "wren@castellano.example", "ruth@ao.example").replace("wren-c", "ruth-ao"))
        z.writestr(
            "Invitations.csv",
            "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
            'Alex Morgan,Ruth Abernathy-Osei,"11/20/21, 10:47 AM","Hello Ruth, could I ask you about research ops?",OUTGOING,'
            "https://www.linkedin.com/in/alex-m,https://www.linkedin.com/in/ruth-ao\n"
            'Alex Morgan,Juniper Vance,"11/25/26, 9:00 AM","Hi Juniper, may I ask how you moved into UX writing?",OUTGOING,'
            "https://www.linkedin.com/in/alex-m,https://www.linkedin.com/in/juniper-vance\n",
        )
        z.writestr(
            "messages.csv",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            "c1,,Ruth Abernathy-Osei,https://www.linkedin.com/in/ruth-ao,Alex Morgan,https://www.linkedin.com/in/alex-m,"
            "2021-11-22 09:00:00 UTC,,Happy to chat!,INBOX\n",
        )
    go_data(app)
    answer_dialog(archive)
    app.click("#import-choose")
    app.wait_visible("#import-counts")
    assert (count(app, "added"), count(app, "duplicates")) == (2, 2), "Imani and Mateo are already here; Ruth and Juniper are new"
    app.click("#import-confirm")
    app.wait_visible("#import-done", timeout=30)
    app.go("people")
    for name, stage in (("Ruth Abernathy-Osei", "connected"), ("Juniper Vance", "connection_requested")):
        assert found(app, name.split()[0]) == [name]
        app.click(app.find("#people-list .person-name"))
        app.wait_view("person")
        badge = app.wait_visible("#person-interviews .badge")
        assert f"stage-{stage}" in badge.get_attribute("class"), (name, badge.get_attribute("class"))
        app.go("people")


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
    app.go("people")
    assert found(app, "Kestrel") == ["Odile Bergström", "Tomasz Wierzbicki"]

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
    app.go("people")
    assert found(app, "Vukovic") == [None]

    app.go("settings")
    item = app.wait_visible('#trash-list .trash-item[data-kind="import"]')
    assert "Import of scanned-cards.vcf (1 person)" in item.text, item.text
    app.click(app.find("button.restore", within=item))
    app.wait(lambda: not app.exists('#trash-list .trash-item[data-kind="import"]'), "the import stayed in the trash")
    app.go("people")
    assert found(app, "Vukovic") == ["Ines Vukovic"]
    app.wait(
        lambda: "Quill, Paper & Co." in app.find("#people-list .person-row").text,
        "the restored person lost their organisation",
    )


def people_names(app: App) -> list[str]:
    return sorted(reload_people(app))


def test_e_an_export_restores_into_a_fresh_data_folder(launch, tmp_path, data_home):
    app = launch()
    app.wait_ready()
    before = people_names(app)
    assert "Imani Okafor" in before, "the import test did not run first"

    go_data(app)
    answer_dialog(tmp_path)
    for kind in ("json", "people_csv", "calendar"):
        app.click(f"#export-{kind}")
        app.wait(lambda: "Saved" in app.find("#export-status").text, f"the {kind} export was not saved")
        app.driver.execute_script("document.getElementById('export-status').textContent = ''")
    export = next(tmp_path.glob("coffeechat-export-*.json"))
    people_csv = next(tmp_path.glob("coffeechat-people-*.csv")).read_bytes()
    assert people_csv.startswith(b"\xef\xbb\xbf"), "the CSV opens in a spreadsheet as UTF-8"
    assert "Harbor Labs, Inc." in people_csv.decode("utf-8-sig")
    assert next(tmp_path.glob("coffeechat-calendar-*.ics")).read_text().startswith("BEGIN:VCALENDAR")
    app.screenshot("data-page")

    # A new computer: the same app with an empty data folder.
    app.quit()
    folder = next(data_home.glob("*/coffeechat.sqlite3")).parent
    aside = folder.with_name(folder.name + ".aside")
    folder.rename(aside)
    try:
        fresh = launch()
        fresh.wait_ready()
        assert people_names(fresh) == []
        go_data(fresh)
        answer_dialog(export)
        fresh.click("#restore-export")
        fresh.wait(lambda: "Restored" in fresh.toast(), f"no restore toast: {fresh.toast()!r}")
        assert people_names(fresh) == before
        fresh.quit()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        aside.rename(folder)


def test_f_a_backup_is_made_and_restored_from_your_data(app):
    go_data(app)
    rows_before = len(app.find_all("#backup-list .backup-row"))
    app.click("#back-up-now")
    app.wait(lambda: len(app.find_all("#backup-list .backup-row")) == rows_before + 1, "no new backup listed")
    newest = app.find_all("#backup-list .backup-row")[0]
    assert "people" in newest.text, newest.text

    add_person(app, "Zeno Afterbackup")
    go_data(app)
    app.click(app.find("button.restore-backup", within=app.find_all("#backup-list .backup-row")[0]))
    app.wait_visible("#confirm-dialog")
    app.click("#confirm-ok")
    app.wait(lambda: "Backup restored" in app.toast(), f"no restore toast: {app.toast()!r}")
    assert "Zeno Afterbackup" not in people_names(app)
    go_data(app)
    # What was current before the restore was backed up first, and can be restored in turn.
    assert len(app.find_all("#backup-list .backup-row")) >= rows_before + 2


def test_g_add_to_calendar_hands_the_interview_to_the_calendar_app(app):
    add_person(app, "Priyanka Holloway", organisation="Nimbus Maps")
    app.click("#new-interview")
    app.wait_view("interview")
    assert not app.exists("#add-to-calendar"), "no date yet, nothing to add to a calendar"
    app.fill("#interview-scheduled_local", "2031-05-06T14:30")
    app.click("#interview-save")
    app.wait_visible("#add-to-calendar")
    opened_before = OPENED.read_text().splitlines()
    app.click("#add-to-calendar")
    app.wait(lambda: len(OPENED.read_text().splitlines()) > len(opened_before), "nothing was handed to the desktop")
    handed = Path(OPENED.read_text().splitlines()[-1])
    assert handed.suffix == ".ics", handed
    ics = handed.read_text()
    assert "Priyanka Holloway" in ics and "DTSTART:2031" in ics, ics
