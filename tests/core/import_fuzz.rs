//! Arbitrary bytes and mutated real files fed to every importer and through the whole pipeline:
//! never a panic, always a report or a clear error, and the data file unchanged whenever the
//! import is refused.

mod common;

use std::path::PathBuf;

use coffeechat_core::exchange::{self, Parsed};
use coffeechat_core::Error;
use common::{store_at, zip_archive};
use proptest::prelude::*;

fn fixture(path: &str) -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import");
    std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Valid files of every kind, with the name a user's file would have.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let connections = fixture("linkedin/connections_current.csv");
    vec![
        ("Connections.csv", connections.clone()),
        (
            "Connections.csv",
            fixture("linkedin/connections_semicolon.csv"),
        ),
        ("contacts.vcf", fixture("vcard/old-phone-2.1.vcf")),
        ("contacts.vcf", fixture("vcard/card-scanner-3.0.vcf")),
        ("contacts.vcf", fixture("vcard/phone-4.0.vcf")),
        (
            "Complete_LinkedInDataExport.zip",
            zip_archive(&[
                ("Connections.csv", &connections),
                (
                    "Invitations.csv",
                    &fixture("linkedin/complete/Invitations.csv"),
                ),
                ("messages.csv", &fixture("linkedin/complete/messages.csv")),
            ]),
        ),
    ]
}

/// What a parser's result says, checked for what the preview relies on.
fn check_report(parsed: &Parsed) {
    for candidate in &parsed.candidates {
        assert!(candidate.line >= 1, "lines count from 1: {candidate:?}");
    }
    for rejected in &parsed.rejected {
        assert!(!rejected.reason.trim().is_empty(), "a rejection says why");
    }
}

fn check_error(error: &Error) {
    assert!(
        matches!(error, Error::BadFile(_) | Error::Invalid { .. }),
        "an unreadable file is a clear refusal, not {error:?}"
    );
    assert!(
        error.to_string().len() > 20,
        "the message says what to do: {error}"
    );
}

/// Applies `mutations` (position fraction, byte) to `bytes`: overwrites, a cut, an insertion.
fn mutate(bytes: &[u8], mutations: &[(f64, u8, u8)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(at, byte, how) in mutations {
        if out.is_empty() {
            out.push(byte);
            continue;
        }
        let index = ((out.len() - 1) as f64 * at) as usize;
        match how % 4 {
            0 => out[index] = byte,
            1 => out.truncate(index),
            2 => out.insert(index, byte),
            _ => {
                out.remove(index);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_get_a_report_or_a_clear_error(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        name in prop::sample::select(vec!["Connections.csv", "contacts.vcf", "export.zip", "x"]),
    ) {
        match exchange::parse_bytes(name, &bytes) {
            Ok(parsed) => check_report(&parsed),
            Err(error) => check_error(&error),
        }
    }

    #[test]
    fn mutated_real_files_get_a_report_or_a_clear_error(
        seed in 0usize..6,
        mutations in proptest::collection::vec((0.0f64..1.0, any::<u8>(), any::<u8>()), 1..8),
    ) {
        let (name, bytes) = &seeds()[seed];
        let bytes = mutate(bytes, &mutations);
        match exchange::parse_bytes(name, &bytes) {
            Ok(parsed) => check_report(&parsed),
            Err(error) => check_error(&error),
        }
    }
}

proptest! {
    // Each case opens and imports into a real file: fewer cases, still every importer.
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn the_whole_pipeline_imports_or_leaves_the_data_file_as_it_was(
        seed in 0usize..6,
        mutations in proptest::collection::vec((0.0f64..1.0, any::<u8>(), any::<u8>()), 0..6),
    ) {
        let (name, bytes) = &seeds()[seed];
        let bytes = mutate(bytes, &mutations);
        let mut db = store_at("2026-03-02 10:00");
        db.add("Someone Already Here");
        let file = db.dir.path().join(name);
        std::fs::write(&file, &bytes).unwrap();
        let before = db.export_json().unwrap();
        let preview = db.preview_import_file(&file);
        prop_assert_eq!(&db.export_json().unwrap(), &before, "a preview changes nothing");
        match (preview, db.import_file(&file, &mut |_, _| true)) {
            (Ok(preview), Ok(outcome)) => {
                prop_assert_eq!(outcome.added, preview.added);
                prop_assert_eq!(outcome.updated, preview.updated);
                let people = db.people("").unwrap().len();
                prop_assert_eq!(people, 1 + preview.added);
            }
            (Err(error), Err(again)) => {
                check_error(&error);
                prop_assert_eq!(error.to_string(), again.to_string());
                prop_assert_eq!(&db.export_json().unwrap(), &before, "a refused file changes nothing");
            }
            (preview, outcome) => {
                prop_assert!(false, "preview {preview:?} and import {outcome:?} disagree");
            }
        }
    }
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let db = store_at("2026-03-02 10:00");
    let path = db.dir.path().join("Connections.csv");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let error = db.preview_import_file(&path).unwrap_err();
    assert!(error.to_string().contains("200 MB"), "{error}");
}

#[test]
fn files_that_are_not_imports_are_refused_with_what_to_do() {
    let check = |name: &str, bytes: &[u8], says: &str| {
        let error = exchange::parse_bytes(name, bytes).unwrap_err();
        assert_eq!(error.code(), "bad_file", "{name}");
        assert!(error.to_string().contains(says), "{name}: {error}");
    };
    check("Connections.csv", b"", "empty");
    check(
        "Connections.csv",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "not a text file",
    );
    check("contacts.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut", "");
    check("notes.csv", b"Hello,world\nthis,is\n", "First Name");
}
