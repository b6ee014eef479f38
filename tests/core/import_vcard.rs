//! vCard import: real exports from phones (2.1 and 4.0), a card-scanning app (3.0) and an old
//! address book read into the people the preview shows, and broken cards and files refused with
//! a line and a reason the user can act on.

use std::path::PathBuf;

use coffeechat_core::exchange::{self, vcard, Candidate, Parsed, Source};
use coffeechat_core::Error;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import/vcard")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn parse_fixture(name: &str) -> Parsed {
    vcard::parse(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A candidate with the given line and name and every other field empty.
fn card(line: usize, name: &str) -> Candidate {
    Candidate {
        line,
        name: name.into(),
        ..Candidate::default()
    }
}

/// The lines and reasons of the rejected cards.
fn rejections(parsed: &Parsed) -> Vec<(usize, String)> {
    let rejected = parsed.rejected.iter();
    rejected.map(|r| (r.line, r.reason.clone())).collect()
}

/// The message of a refused file.
#[track_caller]
fn refusal(bytes: &[u8]) -> String {
    match vcard::parse(bytes) {
        Err(error @ Error::BadFile(_)) => {
            assert_eq!(error.code(), "bad_file");
            error.to_string()
        }
        other => panic!("expected the file to be refused, got {other:?}"),
    }
}

#[test]
fn an_old_phones_quoted_printable_export_reads_every_name_and_accent() {
    let parsed = parse_fixture("old-phone-2.1.vcf");
    let expected = vec![
        Candidate {
            title: "Art Director".into(),
            organisation: "Büro für Gestaltung".into(),
            email: "zoe.mueller@example.de".into(),
            phone: "+49 170 1234567".into(),
            location: "München, Bayern, Deutschland".into(),
            notes: "Met at the Typo Berlin conference.\nAsk about the poster series.".into(),
            ..card(1, "Zoë Müller-Łukasiewicz")
        },
        Candidate {
            organisation: "Société Générale des Eaux".into(),
            email: "francois@example.org".into(),
            phone: "+33 1 42 68 53 00".into(),
            ..card(16, "François Lefèvre")
        },
        Candidate {
            phone: "+45 20 12 34 56".into(),
            notes: "København office, prefers mornings.".into(),
            ..card(25, "Søren Jørgensen")
        },
        Candidate {
            phone: "+34 612 345 678".into(),
            notes: "www.anaruiz.example.es".into(),
            ..card(33, "Ana Ruiz")
        },
    ];
    assert_eq!(parsed.candidates, expected);
    assert_eq!(parsed.source, Source::Vcard);
    assert_eq!(rejections(&parsed), vec![]);
    assert_eq!(parsed.notices, Vec::<String>::new());
}

#[test]
fn a_card_scanners_export_unescapes_unfolds_and_finds_linkedin() {
    let parsed = parse_fixture("card-scanner-3.0.vcf");
    let expected = vec![
        Candidate {
            title: "Head of Research, EMEA".into(),
            organisation: "Acme, Inc.".into(),
            email: "priya.raman@acme.example".into(),
            phone: "+44 161 496 0000".into(),
            linkedin_url: "https://www.linkedin.com/in/priya-raman-4b2a91".into(),
            location: "Manchester, United Kingdom".into(),
            notes: "Scanned 12 March at the Manchester Tech Week stand. Interested in our \
                    mentoring scheme; wants an intro to the data team, ideally before June.\n\
                    Follow up by e-mail.\nhttps://acme.example/research"
                .into(),
            ..card(1, "Priya Raman")
        },
        Candidate {
            title: "Senior Procurement Manager".into(),
            organisation: "Northwind Traders".into(),
            email: "t.nowak@northwind.example".into(),
            phone: "+48 601 234 567".into(),
            linkedin_url: "http://www.linkedin.com/in/tnowak".into(),
            location: "Warszawa, mazowieckie, Poland".into(),
            notes: "https://northwind.example".into(),
            ..card(19, "Tomasz Nowak-Wiśniewska")
        },
        Candidate {
            organisation: "Lagos Business School".into(),
            email: "c.okafor@lbs.example".into(),
            ..card(40, "Chidi Okafor")
        },
    ];
    assert_eq!(parsed.candidates, expected);
    assert_eq!(rejections(&parsed), vec![]);
}

#[test]
fn a_phones_4_0_export_reads_tel_uris_and_preferences() {
    let parsed = parse_fixture("phone-4.0.vcf");
    let expected = vec![
        Candidate {
            title: "Field Engineer".into(),
            organisation: "Example Robotics K.K.".into(),
            email: "kenji.w@example.jp".into(),
            phone: "+81-90-1234-5678".into(),
            linkedin_url: "https://www.linkedin.com/in/kenji-watanabe".into(),
            location: "Shibuya-ku, Tokyo, Japan".into(),
            notes: "Introduced by Priya.".into(),
            ..card(1, "Kenji Watanabe")
        },
        Candidate {
            email: "lena@fischer.example".into(),
            phone: "+49-151-2345-6789".into(),
            ..card(16, "Lena Fischer")
        },
    ];
    assert_eq!(parsed.candidates, expected);
    assert_eq!(rejections(&parsed), vec![]);
}

#[test]
fn broken_cards_are_rejected_with_their_line_and_the_rest_is_kept() {
    let cut_off = "This card is cut off";
    let no_name = "This card has no name (FN or N)";
    for (file, kept, rejected) in [
        (
            "truncated.vcf",
            vec![(1, "Alice Martin"), (6, "Bruno Costa")],
            vec![(11, cut_off)],
        ),
        (
            "no-name.vcf",
            vec![(1, "Dana Levi")],
            vec![(6, no_name), (13, no_name)],
        ),
    ] {
        let parsed = parse_fixture(file);
        let names: Vec<(usize, &str)> = parsed
            .candidates
            .iter()
            .map(|c| (c.line, c.name.as_str()))
            .collect();
        assert_eq!(names, kept, "{file}");
        let reasons = rejections(&parsed);
        assert_eq!(reasons.len(), rejected.len(), "{file}: {reasons:?}");
        for ((line, reason), (want_line, want_start)) in reasons.iter().zip(&rejected) {
            assert_eq!(line, want_line, "{file}: {reason}");
            assert!(reason.starts_with(want_start), "{file}: {reason}");
            let says_what_to_do = reason.to_lowercase().contains("export");
            assert!(says_what_to_do, "{file}: {reason}");
        }
    }
}

#[test]
fn a_latin1_file_is_read_and_the_user_is_told() {
    let parsed = parse_fixture("latin1.vcf");
    let expected = vec![Candidate {
        organisation: "Café Olé".into(),
        location: "León, Castilla y León, España".into(),
        ..card(1, "José Muñoz")
    }];
    assert_eq!(parsed.candidates, expected);
    assert_eq!(parsed.notices.len(), 1, "{:?}", parsed.notices);
    assert!(
        parsed.notices[0].contains("Windows-1252"),
        "{:?}",
        parsed.notices
    );
}

#[test]
fn crlf_and_lf_line_ends_read_the_same() {
    for file in [
        "old-phone-2.1.vcf",
        "card-scanner-3.0.vcf",
        "phone-4.0.vcf",
        "truncated.vcf",
    ] {
        let bytes = fixture(file);
        let text = String::from_utf8(bytes).unwrap();
        let lf = text.replace("\r\n", "\n");
        let crlf = lf.replace('\n', "\r\n");
        assert_ne!(lf, crlf);
        let (lf, crlf) = (vcard::parse(lf.as_bytes()), vcard::parse(crlf.as_bytes()));
        assert_eq!(lf.unwrap(), crlf.unwrap(), "{file}");
    }
}

#[test]
fn a_vcf_file_goes_to_the_vcard_reader() {
    let bytes = fixture("phone-4.0.vcf");
    let expected = vcard::parse(&bytes).unwrap();
    for name in [
        "contacts.vcf",
        "Contacts.VCF",
        "export.vcard",
        "contacts.txt",
    ] {
        let parsed = exchange::parse_bytes(name, &bytes).unwrap();
        assert_eq!(parsed, expected, "{name}");
    }
    let error = exchange::parse_bytes("contacts.vcf", b"Name,E-mail\nAda,ada@example.com\n");
    let message = error.unwrap_err().to_string();
    assert!(message.contains("BEGIN:VCARD"), "{message}");
}

/// How each field is chosen, one card at a time: (what the case shows, card lines, field, value).
#[test]
fn fields_are_chosen_as_the_card_says() {
    type Field = fn(&Candidate) -> &str;
    let name: Field = |c| &c.name;
    let email: Field = |c| &c.email;
    let phone: Field = |c| &c.phone;
    let linkedin: Field = |c| &c.linkedin_url;
    let notes: Field = |c| &c.notes;
    let location: Field = |c| &c.location;
    let organisation: Field = |c| &c.organisation;
    let cases: &[(&str, &str, Field, &str)] = &[
        ("FN wins over N", "FN:Ada L.\nN:Lovelace;Ada;;;", name, "Ada L."),
        ("an empty FN falls back to N", "FN:\nN:Lovelace;Ada;;;", name, "Ada Lovelace"),
        ("N without a given name", "N:Lovelace;;;;", name, "Lovelace"),
        ("several given names", "N:Lovelace;Ada,Augusta;;;", name, "Ada Augusta Lovelace"),
        ("FN is trimmed", "FN:  Ada Lovelace  ", name, "Ada Lovelace"),
        ("lower-case names", "fn:Ada Lovelace", name, "Ada Lovelace"),
        ("the first e-mail", "FN:A\nEMAIL:one@x.io\nEMAIL:two@x.io", email, "one@x.io"),
        ("2.1's bare PREF", "FN:A\nEMAIL:one@x.io\nEMAIL;PREF:two@x.io", email, "two@x.io"),
        ("3.0's TYPE=pref", "FN:A\nEMAIL:one@x.io\nEMAIL;TYPE=pref:two@x.io", email, "two@x.io"),
        (
            "3.0's TYPE list with PREF",
            "FN:A\nEMAIL:one@x.io\nEMAIL;TYPE=INTERNET,PREF:two@x.io",
            email,
            "two@x.io",
        ),
        (
            "4.0's lower PREF wins",
            "FN:A\nEMAIL;PREF=2:one@x.io\nEMAIL;PREF=1:two@x.io",
            email,
            "two@x.io",
        ),
        ("an empty preferred value", "FN:A\nEMAIL:one@x.io\nEMAIL;PREF:", email, "one@x.io"),
        (
            "a tel: URI loses its extension",
            "FN:A\nTEL;VALUE=uri:tel:+1-555-0100;ext=42",
            phone,
            "+1-555-0100",
        ),
        ("an upper-case TEL: scheme", "FN:A\nTEL;VALUE=uri:TEL:+1-555-0100", phone, "+1-555-0100"),
        ("2.1's bare types", "FN:A\nTEL;HOME:1\nTEL;CELL;PREF:2", phone, "2"),
        ("a LinkedIn URL", "FN:A\nURL:https://www.linkedin.com/in/ada", linkedin, "https://www.linkedin.com/in/ada"),
        (
            "a LinkedIn profile of Apple's",
            "FN:A\nX-SOCIALPROFILE;type=linkedin:http://www.linkedin.com/in/ada",
            linkedin,
            "http://www.linkedin.com/in/ada",
        ),
        ("a LinkedIn address in any case", "FN:A\nURL:https://LinkedIn.com/in/ada", linkedin, "https://LinkedIn.com/in/ada"),
        ("other URLs are not LinkedIn", "FN:A\nURL:https://ada.example", linkedin, ""),
        (
            "other URLs follow the note",
            "FN:A\nURL:https://ada.example\nNOTE:Met at PyCon.\nURL:https://blog.ada.example",
            notes,
            "Met at PyCon.\nhttps://ada.example\nhttps://blog.ada.example",
        ),
        (
            "the same address twice is noted once",
            "FN:A\nURL:https://ada.example\nitem1.URL:https://ada.example",
            notes,
            "https://ada.example",
        ),
        (
            "a second LinkedIn address goes to the notes",
            "FN:A\nURL:https://linkedin.com/in/ada\nURL:https://linkedin.com/in/ada-old",
            notes,
            "https://linkedin.com/in/ada-old",
        ),
        (
            "a social profile that is no web link is left out",
            "FN:A\nX-SOCIALPROFILE;type=twitter:x-apple:ada",
            notes,
            "",
        ),
        ("escaped line breaks in a note", "FN:A\nNOTE:one\\ntwo", notes, "one\ntwo"),
        (
            "the preferred address",
            "FN:A\nADR;TYPE=home:;;1 Road;Leeds;;LS1;UK\nADR;TYPE=work,pref:;;2 Street;Paris;Île-de-France;75001;France",
            location,
            "Paris, Île-de-France, France",
        ),
        ("an address with only a country", "FN:A\nADR:;;;;;;Chile", location, "Chile"),
        ("ORG's first component", "FN:A\nORG:Acme;Sales;EMEA", organisation, "Acme"),
        ("an escaped semicolon in ORG", "FN:A\nORG:Smith\\; Sons;Sales", organisation, "Smith; Sons"),
    ];
    for (case, lines, field, expected) in cases {
        let text = format!("BEGIN:VCARD\nVERSION:3.0\n{lines}\nEND:VCARD\n");
        let parsed = vcard::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{case}: {e}"));
        assert_eq!(parsed.candidates.len(), 1, "{case}: {parsed:?}");
        assert_eq!(field(&parsed.candidates[0]), *expected, "{case}");
    }
}

#[test]
fn bare_quoted_printable_is_decoded_like_the_spelled_out_one() {
    let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;QUOTED-PRINTABLE:M=C3=BCller;J=\r\n\
                =C3=BCrgen;;;\r\nNOTE;quoted-printable:Caf=E9 au lait=0D=0Aafter 10:00\r\nEND:VCARD\r\n";
    let parsed = vcard::parse(text.as_bytes()).unwrap();
    let expected = Candidate {
        notes: "Café au lait\nafter 10:00".into(),
        ..card(1, "Jürgen Müller")
    };
    assert_eq!(parsed.candidates, vec![expected]);
}

#[test]
fn a_card_cut_off_in_the_middle_does_not_take_the_next_one_with_it() {
    let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\nBEGIN:VCARD\nVERSION:3.0\nFN:Next One\n\
                END:VCARD\n";
    let parsed = vcard::parse(text.as_bytes()).unwrap();
    assert_eq!(parsed.candidates, vec![card(4, "Next One")]);
    let reasons = rejections(&parsed);
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].0, 1);
    assert!(
        reasons[0].1.starts_with("This card is cut off"),
        "{reasons:?}"
    );
}

#[test]
fn lines_count_from_the_top_of_the_file_whatever_comes_before_the_cards() {
    let text = "\u{feff}\n\nBEGIN:VCARD\nFN:After Blank Lines\nEND:VCARD\n\n\n\nbegin:vcard\n\
                fn:Lower Case\nend:vcard";
    let parsed = vcard::parse(text.as_bytes()).unwrap();
    let lines: Vec<usize> = parsed.candidates.iter().map(|c| c.line).collect();
    assert_eq!(lines, vec![3, 9]);
}

#[test]
fn files_without_a_usable_card_are_refused_saying_what_was_expected() {
    let cases: &[(&str, &[u8], &[&str])] = &[
        ("an empty file", b"", &["is empty"]),
        (
            "an image",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            &["not a text file"],
        ),
        (
            "a CSV file",
            b"Name,E-mail\nAda,ada@example.com\n",
            &["BEGIN:VCARD", ".vcf"],
        ),
        (
            "only a card without a name",
            b"BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555 0100\nEND:VCARD\n",
            &[
                "The card in this file",
                "line 1",
                "no name (FN or N)",
                "END:VCARD",
            ],
        ),
        (
            "only cut-off cards",
            b"BEGIN:VCARD\nFN:Ada\nBEGIN:VCARD\nFN:Bob\n",
            &["None of the 2 cards", "line 1", "cut off"],
        ),
    ];
    for (case, bytes, fragments) in cases {
        let message = refusal(bytes);
        for fragment in *fragments {
            assert!(message.contains(fragment), "{case}: {message}");
        }
    }
}

proptest! {
    /// Whatever a file holds, it is read or refused with a message; reading never panics.
    #[test]
    fn any_mix_of_vcard_lines_is_read_or_refused(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("BEGIN:VCARD".to_owned()),
                Just("END:VCARD".to_owned()),
                Just("FN:Ada".to_owned()),
                Just("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=".to_owned()),
                Just("NOTE;QUOTED-PRINTABLE:a=".to_owned()),
                Just("TEL;VALUE=uri:tel:".to_owned()),
                Just(" folded\\".to_owned()),
                "[A-Z;=:,\\\\\"\\. a-z0-9\u{e9}]{0,30}",
            ],
            0..30,
        ),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        match vcard::parse(text.as_bytes()) {
            Ok(parsed) => {
                prop_assert!(!parsed.candidates.is_empty());
                for candidate in &parsed.candidates {
                    prop_assert!(!candidate.name.is_empty());
                    prop_assert!(candidate.line >= 1 && candidate.line <= lines.len());
                }
            }
            Err(error) => prop_assert_eq!(error.code(), "bad_file"),
        }
    }

    #[test]
    fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut file = b"BEGIN:VCARD\n".to_vec();
        file.extend(bytes);
        if let Err(error) = vcard::parse(&file) {
            prop_assert_eq!(error.code(), "bad_file");
        }
    }
}
