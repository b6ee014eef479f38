//! LinkedIn's export as users bring it: `Connections.csv` straight from LinkedIn, from older
//! exports and re-saved by spreadsheets, and the whole archive (.zip), whose complete form says
//! when the user invited each person and when they wrote back.
//!
//! The fixtures in `tests/fixtures/import/linkedin/` hold one quirk each; the archives are built
//! here from them, so no binary file is committed.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use coffeechat_core::exchange::linkedin::{parse_archive, parse_connections};
use coffeechat_core::exchange::{Candidate, LinkedinActivity, Parsed, Source, MAX_IMPORT_BYTES};
use coffeechat_core::Error;
use common::zip_archive as zip;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import/linkedin")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// A person as the import preview lists them:
/// `line | name | title | organisation | email | profile | connected on`.
fn shown(candidate: &Candidate) -> String {
    let connected = candidate
        .connected_on
        .map_or(String::new(), |d| d.to_string());
    format!(
        "{} | {} | {} | {} | {} | {} | {connected}",
        candidate.line,
        candidate.name,
        candidate.title,
        candidate.organisation,
        candidate.email,
        candidate.linkedin_url
    )
}

fn people(parsed: &Parsed) -> Vec<String> {
    parsed.candidates.iter().map(shown).collect()
}

/// Reads `file` as `Connections.csv` and checks the people it gives.
fn check(file: &str, expected: &[&str]) -> Parsed {
    let parsed = parse_connections(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(parsed.source, Source::Linkedin);
    assert_eq!(people(&parsed), expected, "{file}");
    parsed
}

/// Checks that `bytes` are refused as a bad file with a message saying `expected`.
fn check_refused(result: coffeechat_core::Result<Parsed>, expected: &str) {
    match result {
        Err(error @ Error::BadFile(_)) => {
            assert!(error.to_string().contains(expected), "{error}");
        }
        other => panic!("expected a bad file saying {expected:?}, got {other:?}"),
    }
}

fn has_notice(parsed: &Parsed, words: &[&str]) -> bool {
    parsed
        .notices
        .iter()
        .any(|notice| words.iter().all(|word| notice.contains(word)))
}

// The people of the fixtures, as the preview shows them (the line differs per file).
const INES_ROW: &str =
    "Ines Okafor-Lindqvist | Director of People Ops | Northwind Analytics, Inc. \
                        |  | https://www.linkedin.com/in/ines-okafor-l-3b2a91 | 2026-02-08";
const TOMAS_ROW: &str = "Tomás Reyes | Engineer, Platform | Contoso | tomas.reyes@example.org \
                         | https://www.linkedin.com/in/tomasreyes | 2019-11-14";

fn at(line: usize, row: &str) -> String {
    format!("{line} | {row}")
}

#[test]
fn a_current_export_gives_every_named_person_at_the_line_an_editor_shows() {
    // Line 1-3 are LinkedIn's "Notes:" preamble, 4 the header; the file starts with a BOM.
    let parsed = parse_connections(&fixture("connections_current.csv")).unwrap();
    assert_eq!(
        people(&parsed),
        [
            at(5, INES_ROW),
            at(6, TOMAS_ROW),
            "9 | Zoë O'Brien, PhD | Head of Sales | The \"Good\" Bakery GmbH & Co. KG |  \
             | https://www.linkedin.com/in/zoe-obrien | 2024-03-01"
                .to_owned(),
            // A title typed on two lines is one title; the row still starts on line 10.
            "10 | Priya Raman | Staff Engineer Payments | Globex |  \
             | https://www.linkedin.com/in/priya-raman-7 | 2023-07-23"
                .to_owned(),
            "13 | 李 娜 | 产品经理 | 阿里巴巴 |  | https://www.linkedin.com/in/li-na-88 | 2022-09-05"
                .to_owned(),
            "14 | Sam |  |  |  | https://www.linkedin.com/in/sam-x | 2021-12-30".to_owned(),
        ]
    );
    assert_eq!(parsed.source, Source::Linkedin);
    assert!(parsed.candidates.iter().all(|c| c.activity.is_none()));
    assert_eq!(
        parsed.notices,
        Vec::<String>::new(),
        "a clean UTF-8 file needs no notice"
    );
}

#[test]
fn a_hidden_member_is_rejected_with_a_reason_and_empty_rows_are_skipped_silently() {
    let parsed = parse_connections(&fixture("connections_current.csv")).unwrap();
    let rejected: Vec<usize> = parsed.rejected.iter().map(|r| r.line).collect();
    assert_eq!(
        rejected,
        [7],
        "line 8 is an empty row: nothing to say about it"
    );
    assert!(
        parsed.rejected[0]
            .reason
            .starts_with("LinkedIn hides this member's name"),
        "{}",
        parsed.rejected[0].reason
    );
}

#[test]
fn older_exports_and_other_column_orders_are_read_by_column_name() {
    // 2019 exports: no preamble and no URL column.
    check(
        "connections_2019_no_url.csv",
        &[
            "2 | Ines Okafor-Lindqvist | Director of People Ops | Northwind Analytics, Inc. \
             |  |  | 2026-02-08",
            "3 | Tomás Reyes | Engineer, Platform | Contoso | tomas.reyes@example.org |  \
             | 2019-11-14",
        ],
    );
    // No Email Address column, Windows line endings.
    check(
        "connections_no_email.csv",
        &[
            "5 | Ines Okafor-Lindqvist | Director of People Ops | Northwind Analytics, Inc. \
             |  | https://www.linkedin.com/in/ines-okafor-l-3b2a91 | 2026-02-08",
            "6 | Tomás Reyes | Engineer, Platform | Contoso |  \
             | https://www.linkedin.com/in/tomasreyes | 2019-11-14",
        ],
    );
    // Columns moved and renamed in case by a tool that rewrote the file.
    check("connections_reordered.csv", &[&at(2, INES_ROW)]);
}

/// The French Excel re-save: semicolons, quotes only where needed, days as dd/mm/yyyy.
fn french_excel_rows() -> Vec<String> {
    vec![
        "5 | Ines Okafor-Lindqvist | Director of People Ops | Northwind Analytics, Inc. |  \
         | https://www.linkedin.com/in/ines-okafor-l-3b2a91 | 2026-02-08"
            .to_owned(),
        at(6, TOMAS_ROW),
        "7 | Zoë O'Brien, PhD | Head of Sales | Le \"Bon\" Café; Bäckerei |  \
         | https://www.linkedin.com/in/zoe-obrien | 2024-03-01"
            .to_owned(),
    ]
}

#[test]
fn a_spreadsheet_resave_with_semicolons_and_day_first_days_is_read() {
    let parsed = parse_connections(&fixture("connections_semicolon.csv")).unwrap();
    assert_eq!(people(&parsed), french_excel_rows());
    assert_eq!(parsed.notices, Vec::<String>::new());
}

#[test]
fn a_windows_1252_resave_is_read_and_the_user_is_told() {
    let text = String::from_utf8(fixture("connections_semicolon.csv")).unwrap();
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!lossy, "the fixture must fit in Windows-1252");
    let parsed = parse_connections(&bytes).unwrap();
    assert_eq!(people(&parsed), french_excel_rows());
    assert!(
        has_notice(&parsed, &["Windows-1252"]),
        "{:?}",
        parsed.notices
    );
}

#[test]
fn slashed_days_that_read_both_ways_are_taken_as_month_first_and_said() {
    let parsed = check(
        "connections_ambiguous_slashes.csv",
        &[
            &at(2, INES_ROW),
            "3 | Tomás Reyes | Engineer, Platform | Contoso | tomas.reyes@example.org \
             | https://www.linkedin.com/in/tomasreyes | 2019-11-04",
        ],
    );
    assert!(
        has_notice(&parsed, &["month/day/year"]),
        "{:?}",
        parsed.notices
    );
}

#[test]
fn an_unreadable_day_keeps_the_person_and_says_where() {
    let parsed = check(
        "connections_unreadable_day.csv",
        &[
            &at(5, INES_ROW),
            "6 | Tomás Reyes | Engineer, Platform | Contoso | tomas.reyes@example.org \
             | https://www.linkedin.com/in/tomasreyes | ",
            // An empty day is not an unreadable one: nothing to report.
            "7 | Zoë O'Brien, PhD | Head of Sales | Bakery |  \
             | https://www.linkedin.com/in/zoe-obrien | ",
        ],
    );
    assert!(parsed.rejected.is_empty());
    assert_eq!(parsed.notices.len(), 1, "{:?}", parsed.notices);
    assert!(
        has_notice(&parsed, &["line 6", "\"sometime in 2019\""]),
        "{:?}",
        parsed.notices
    );
}

#[test]
fn a_quote_never_closed_is_reported_instead_of_swallowing_the_rest_quietly() {
    let parsed = check("connections_unclosed_quote.csv", &[&at(5, INES_ROW)]);
    assert_eq!(parsed.rejected.len(), 1);
    let rejected = &parsed.rejected[0];
    assert_eq!(rejected.line, 6);
    assert!(
        rejected.reason.contains("quote mark") && rejected.reason.contains("6 lines"),
        "{}",
        rejected.reason
    );
}

#[test]
fn a_file_with_only_the_header_imports_nobody_and_says_so() {
    let parsed = check("connections_header_only.csv", &[]);
    assert!(parsed.rejected.is_empty());
    assert!(
        has_notice(&parsed, &["lists no connections"]),
        "{:?}",
        parsed.notices
    );
}

#[test]
fn files_that_are_not_connections_are_refused_with_what_was_expected() {
    let no_header = "no line names the columns First Name and Last Name";
    let preamble_only = String::from_utf8(fixture("connections_current.csv")).unwrap();
    let preamble_only = preamble_only.split("First Name").next().unwrap().to_owned();
    let cases: [(&[u8], &str); 7] = [
        (&fixture("not_connections.csv"), no_header),
        (preamble_only.as_bytes(), no_header),
        (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ines\r\nEND:VCARD\r\n",
            no_header,
        ),
        (&fixture("profile.csv"), "Profile.csv (your own profile)"),
        (b"", "is empty"),
        (b"\xEF\xBB\xBF\r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not a text file"),
    ];
    for (bytes, expected) in cases {
        check_refused(parse_connections(bytes), expected);
    }
}

#[test]
fn the_basic_archive_gives_the_people_of_its_connections_csv_wherever_it_lies() {
    let csv = fixture("connections_current.csv");
    let alone = parse_connections(&csv).unwrap();
    for path in [
        "Connections.csv",
        "Basic_LinkedInDataExport_03-05-2026/Connections.csv",
        "connections.csv",
    ] {
        let archive = zip(&[
            (
                "__MACOSX/._Connections.csv",
                b"\0\x05\x16\x07 Mac resource fork",
            ),
            ("Profile.csv", &fixture("profile.csv")),
            (path, &csv),
        ]);
        let parsed = parse_archive(&archive).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(parsed.candidates, alone.candidates, "{path}");
        assert_eq!(parsed.rejected, alone.rejected, "{path}");
        assert!(
            has_notice(&parsed, &["no Invitations.csv"]),
            "{path}: {:?}",
            parsed.notices
        );
    }
}

fn complete_archive(connections: &[u8]) -> Vec<u8> {
    zip(&[
        ("Connections.csv", connections),
        ("Invitations.csv", &fixture("complete/Invitations.csv")),
        ("messages.csv", &fixture("complete/messages.csv")),
        ("Profile.csv", &fixture("profile.csv")),
        (
            "Jobs/Job Applications.csv",
            b"Application Date,Company Name\n",
        ),
    ])
}

/// Each person's name with what the archive says about the user's contact with them.
fn activities(parsed: &Parsed) -> Vec<(String, Option<LinkedinActivity>)> {
    parsed
        .candidates
        .iter()
        .map(|c| (c.name.clone(), c.activity.clone()))
        .collect()
}

fn invited(on: &str, message: &str, replied: Option<&str>) -> Option<LinkedinActivity> {
    Some(LinkedinActivity {
        invited_on: Some(day(on)),
        invitation_message: message.to_owned(),
        replied_on: replied.map(day),
    })
}

#[test]
fn the_complete_archive_says_when_you_invited_them_and_when_they_first_wrote_back() {
    let parsed = parse_archive(&complete_archive(&fixture("connections_current.csv"))).unwrap();
    let ines_message = "Hi Ines, I loved your talk on people analytics. Could I ask you two \
                        questions about your path?";
    assert_eq!(
        activities(&parsed),
        [
            // Her InMail of November came before the invitation and her second message after
            // the first reply: the first message on or after the invitation day counts.
            (
                "Ines Okafor-Lindqvist".to_owned(),
                invited("2026-02-01", ines_message, Some("2026-02-04")),
            ),
            // Tomás invited the user (INCOMING): nothing the user did to follow.
            ("Tomás Reyes".to_owned(), None),
            // Invited under another spelling of her profile address.
            (
                "Zoë O'Brien, PhD".to_owned(),
                invited("2024-02-15", "", Some("2024-02-16")),
            ),
            // Her message carries no sender address; her name finds it.
            (
                "Priya Raman".to_owned(),
                invited(
                    "2023-07-20",
                    "Hi Priya! Fellow Globex alum here.",
                    Some("2023-07-25"),
                ),
            ),
            ("李 娜".to_owned(), None),
            ("Sam".to_owned(), None),
            // Invited twice, not accepted yet: once, from the latest invitation.
            (
                "Marta Kowalska".to_owned(),
                invited(
                    "2026-03-02",
                    "Hello Marta, would you have 20 minutes for a coffee chat about UX \
                     research at Allegro?",
                    None,
                ),
            ),
            ("Jonas Weber".to_owned(), invited("2026-03-04", "", None)),
        ]
    );
    let pending: Vec<String> = people(&parsed)[6..].to_vec();
    assert_eq!(
        pending,
        [
            "2 | Marta Kowalska |  |  |  | https://www.linkedin.com/in/marta-kowalska-ux | ",
            "9 | Jonas Weber |  |  |  | https://www.linkedin.com/in/jonas-weber-b2 | ",
        ],
        "people invited but not connected: no connection day, lines of Invitations.csv"
    );
    assert!(
        has_notice(&parsed, &["2 people you invited", "Invitations.csv"]),
        "{:?}",
        parsed.notices
    );
    assert!(!has_notice(&parsed, &["no Invitations.csv"]));
    assert!(!has_notice(&parsed, &["no messages.csv"]));
}

#[test]
fn without_messages_the_invitations_still_count_and_the_missing_replies_are_said() {
    let archive = zip(&[
        ("Connections.csv", &fixture("connections_current.csv")),
        ("Invitations.csv", &fixture("complete/Invitations.csv")),
    ]);
    let parsed = parse_archive(&archive).unwrap();
    assert_eq!(
        parsed.candidates[0].activity,
        invited(
            "2026-02-01",
            "Hi Ines, I loved your talk on people analytics. Could I ask you two questions \
             about your path?",
            None
        )
    );
    assert!(
        has_notice(&parsed, &["no messages.csv"]),
        "{:?}",
        parsed.notices
    );
}

#[test]
fn connections_without_addresses_are_matched_to_invitations_by_name() {
    let parsed = parse_archive(&complete_archive(&fixture("connections_2019_no_url.csv"))).unwrap();
    let ines = &parsed.candidates[0];
    assert_eq!(ines.name, "Ines Okafor-Lindqvist");
    assert_eq!(
        ines.linkedin_url, "https://www.linkedin.com/in/ines-okafor-l-3b2a91",
        "the invitation supplies the profile address the old export lacks"
    );
    assert_eq!(
        ines.activity.as_ref().and_then(|a| a.replied_on),
        Some(day("2026-02-04"))
    );
    assert_eq!(parsed.candidates[1].activity, None, "Tomás was not invited");
}

#[test]
fn the_same_name_at_another_address_is_another_person() {
    let connections = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                       Marta,Kowalska,https://www.linkedin.com/in/marta-kowalska-finance,,\
                       Santander,Analyst,10 Oct 2022\n";
    let parsed = parse_archive(&complete_archive(connections.as_bytes())).unwrap();
    let martas: Vec<(String, Option<NaiveDate>)> = parsed
        .candidates
        .iter()
        .filter(|c| c.name == "Marta Kowalska")
        .map(|c| {
            (
                c.linkedin_url.clone(),
                c.activity.as_ref().and_then(|a| a.invited_on),
            )
        })
        .collect();
    assert_eq!(
        martas,
        [
            (
                "https://www.linkedin.com/in/marta-kowalska-finance".to_owned(),
                None
            ),
            (
                "https://www.linkedin.com/in/marta-kowalska-ux".to_owned(),
                Some(day("2026-03-02"))
            ),
        ]
    );
}

#[test]
fn a_zip_without_connections_is_refused_with_where_to_get_the_export() {
    let archive = zip(&[
        ("messages.csv", &fixture("complete/messages.csv")),
        ("Profile.csv", &fixture("profile.csv")),
    ]);
    check_refused(
        parse_archive(&archive),
        "This zip has no Connections.csv. Is it LinkedIn's data export?",
    );
}

#[test]
fn a_damaged_or_truncated_zip_is_refused_never_a_panic() {
    let archive = complete_archive(&fixture("connections_current.csv"));
    for cut in [
        4,
        30,
        200,
        archive.len() / 2,
        archive.len() - 30,
        archive.len() - 1,
    ] {
        check_refused(parse_archive(&archive[..cut]), "");
    }
    check_refused(
        parse_archive(b"PK\x03\x04 not really a zip"),
        "damaged or incomplete",
    );
    // A flipped byte inside the compressed connections (after the first local header, its
    // name and its extra field) fails their checksum.
    let name_length = usize::from(u16::from_le_bytes([archive[26], archive[27]]));
    let extra_length = usize::from(u16::from_le_bytes([archive[28], archive[29]]));
    let mut flipped = archive.clone();
    flipped[30 + name_length + extra_length + 10] ^= 0xFF;
    check_refused(parse_archive(&flipped), "cannot be read");
}

#[test]
fn an_entry_that_would_unpack_beyond_the_limit_is_refused() {
    // A zip bomb: a few compressed bytes that say they unpack to 64 MB. Zip writers record the
    // real size, so a bomb's header tells the truth; patching the size in a small archive makes
    // one without deflating 64 MB in the test.
    let mut archive = zip(&[("Connections.csv", &fixture("connections_current.csv"))]);
    let claimed = u32::try_from(MAX_IMPORT_BYTES + 14 * 1024 * 1024).unwrap();
    let local = 0;
    let central = archive
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a central directory");
    archive[local + 22..local + 26].copy_from_slice(&claimed.to_le_bytes());
    archive[central + 24..central + 28].copy_from_slice(&claimed.to_le_bytes());
    check_refused(parse_archive(&archive), "would unpack to more than 50 MB");
}
