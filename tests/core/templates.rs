//! Message templates: filling placeholders, showing what is still missing, refusing templates
//! with mistakes, and `mailto:` links that arrive in the mail client exactly as written.

use coffeechat_core::request_checker::{check_request, Rule};
use coffeechat_core::templates::{
    connection_sentence, default_template, mailto_url, placeholder_names, render,
    validate_template, Placeholders, Rendered, Template, TemplateKind,
};
use percent_encoding::percent_decode_str;

fn some(value: &str) -> Option<String> {
    Some(value.to_owned())
}

/// Values as the app fills them for Dana, whom Sam was introduced to by Maria.
fn dana() -> Placeholders {
    Placeholders {
        name: some("Dana Whitfield"),
        title: some("UX Researcher"),
        organisation: some("Acme Robotics"),
        field: some("UX research"),
        background: some("teaching"),
        connection: some("Maria Lopez"),
        insight: some("testing with five users before building anything"),
        tips: some("- I read Just Enough Research.\n- I joined the local UX meetup."),
        my_name: some("Sam Rivera"),
        ..Placeholders::default()
    }
}

fn template(subject: &str, body: &str) -> Template {
    Template {
        subject: subject.to_owned(),
        body: body.to_owned(),
    }
}

/// Renders a body alone and checks the text and the missing placeholders.
#[track_caller]
fn check(body: &str, values: &Placeholders, expected: &str, missing: &[&str]) {
    let rendered = render(&template("", body), values);
    assert_eq!(rendered.body, expected, "{body:?}");
    assert_eq!(rendered.missing, missing, "{body:?}");
}

/// The message a template is refused with, and the form field it belongs to.
#[track_caller]
fn refused(subject: &str, body: &str) -> (Option<&'static str>, String) {
    let error = validate_template(&template(subject, body)).unwrap_err();
    assert_eq!(error.code(), "invalid");
    (error.field(), error.to_string())
}

#[test]
fn placeholders_are_filled_with_their_values() {
    let values = dana();
    for (body, expected) in [
        ("Hi {{first_name}}", "Hi Dana"),
        (
            "{{name}}, {{title}} at {{organisation}}",
            "Dana Whitfield, UX Researcher at Acme Robotics",
        ),
        ("{{ first_name }}", "Dana"),
        ("{{field}}/{{field}}", "UX research/UX research"),
        (
            "From {{background}}, via {{connection}}.",
            "From teaching, via Maria Lopez.",
        ),
        ("— {{my_name}} 🙂", "— Sam Rivera 🙂"),
        ("No placeholders at all.", "No placeholders at all."),
        ("", ""),
    ] {
        check(body, &values, expected, &[]);
    }
    check(
        "{{tips}}",
        &values,
        "- I read Just Enough Research.\n- I joined the local UX meetup.",
        &[],
    );
}

#[test]
fn the_first_name_comes_from_the_full_name_unless_given() {
    for (first_name, name, expected) in [
        (None, "Dana Whitfield", "Dana"),
        (Some("Dee"), "Dana Whitfield", "Dee"),
        (Some("  "), "Dana Whitfield", "Dana"),
        (None, "Dr. Jürgen Müller", "Jürgen"),
        (None, "Whitfield, Dana", "Dana"),
        (None, "Prince", "Prince"),
    ] {
        let values = Placeholders {
            first_name: first_name.map(str::to_owned),
            name: some(name),
            ..Placeholders::default()
        };
        check("{{first_name}}", &values, expected, &[]);
    }
}

#[test]
fn missing_values_are_marked_and_listed_once_in_order_of_use() {
    let values = Placeholders {
        name: some("Dana Whitfield"),
        field: some("   "),
        ..Placeholders::default()
    };
    let rendered = render(
        &template(
            "Your advice on {{field}}?",
            "Hi {{first_name}}, {{connection}} suggested I write about {{field}}. {{my_name}}",
        ),
        &values,
    );
    assert_eq!(
        rendered,
        Rendered {
            subject: "Your advice on [field]?".into(),
            body: "Hi Dana, [connection] suggested I write about [field]. [your name]".into(),
            missing: vec!["field".into(), "connection".into(), "my_name".into()],
        }
    );
    check(
        "{{first_name}} {{name}} {{title}} {{organisation}} {{background}} {{insight}} {{tips}}",
        &Placeholders::default(),
        "[first name] [name] [job title] [organisation] [your background] \
         [a specific thing they said] [their tips and what you did]",
        &[
            "first_name",
            "name",
            "title",
            "organisation",
            "background",
            "insight",
            "tips",
        ],
    );
}

#[test]
fn mistakes_in_a_template_are_left_visible_when_rendering() {
    let values = dana();
    check("Hi {{frist_name}}", &values, "Hi {{frist_name}}", &[]);
    check("Hi {{first name}}", &values, "Hi {{first name}}", &[]);
    check("Hi {{first_name", &values, "Hi {{first_name", &[]);
    check("Hi first_name}}", &values, "Hi first_name}}", &[]);
    check("{{{first_name}}}", &values, "{{{first_name}}}", &[]);
    check("{{{{first_name}}", &values, "{{Dana", &[]);
}

#[test]
fn values_are_inserted_as_written_and_never_expanded_again() {
    let values = Placeholders {
        name: some("{{my_name}} & <b>Co</b>"),
        my_name: some("Sam"),
        ..Placeholders::default()
    };
    check("{{name}}", &values, "{{my_name}} & <b>Co</b>", &[]);
}

#[test]
fn a_valid_template_is_accepted() {
    for kind in [
        TemplateKind::Request,
        TemplateKind::ThankYou,
        TemplateKind::FollowUp,
    ] {
        validate_template(&default_template(kind)).unwrap();
    }
    let every: String = placeholder_names()
        .map(|n| format!("{{{{ {n} }}}} "))
        .collect();
    validate_template(&template("", &every)).unwrap();
    validate_template(&template(
        "Braces { like } this are fine",
        "So is a lone { or }.",
    ))
    .unwrap();
}

#[test]
fn unknown_placeholders_are_refused_with_the_list_of_known_ones() {
    let known = "{{first_name}}, {{name}}, {{title}}, {{organisation}}, {{field}}, \
                 {{background}}, {{connection_sentence}}, {{connection}}, {{insight}}, {{tips}}, \
                 {{my_name}}";
    assert_eq!(
        refused("", "Hi {{frist_name}},"),
        (
            Some("template_body"),
            format!(
                "{{{{frist_name}}}} is not a placeholder (did you mean {{{{first_name}}}}?); \
                 use one of: {known}."
            )
        )
    );
    assert_eq!(
        refused("About {{company}}", ""),
        (
            Some("template_subject"),
            format!("{{{{company}}}} is not a placeholder; use one of: {known}.")
        )
    );
    assert_eq!(
        refused("", "{{organization}}").1,
        format!(
            "{{{{organization}}}} is not a placeholder (did you mean {{{{organisation}}}}?); \
             use one of: {known}."
        )
    );
}

#[test]
fn unbalanced_and_malformed_braces_are_refused() {
    let advice = "write placeholders with two braces on each side, such as {{first_name}}.";
    for (body, message) in [
        (
            "Hi {{first_name,",
            format!("\"{{{{\" opens a placeholder that is never closed: {advice}"),
        ),
        (
            "Hi {{first_name {{name}}",
            format!("\"{{{{\" opens a placeholder that is never closed: {advice}"),
        ),
        (
            "Hi first_name}},",
            format!("\"}}}}\" closes a placeholder that was never opened: {advice}"),
        ),
        (
            "Hi {{first name}},",
            format!("\"{{{{first name}}}}\" is not a placeholder: {advice}"),
        ),
        (
            "Hi {{First_Name}},",
            format!("\"{{{{First_Name}}}}\" is not a placeholder: {advice}"),
        ),
        (
            "Hi {{}},",
            format!("\"{{{{}}}}\" is not a placeholder: {advice}"),
        ),
        (
            "Hi {{{first_name}}},",
            format!("\"{{{{{{first_name}}}}\" is not a placeholder: {advice}"),
        ),
        (
            "Hi {first_name},",
            "\"{first_name}\" has one brace on each side: write {{first_name}}.".to_owned(),
        ),
    ] {
        assert_eq!(
            refused("", body),
            (Some("template_body"), message),
            "{body:?}"
        );
    }
}

#[test]
fn the_default_request_passes_the_request_checker() {
    let request = default_template(TemplateKind::Request);
    let people = [
        dana(),
        Placeholders {
            name: some("Jürgen Müller"),
            organisation: some("Globex Corporation"),
            field: some("data engineering"),
            background: some("eight years in logistics"),
            connection: some("Ana López"),
            my_name: some("Priya Natarajan"),
            ..Placeholders::default()
        },
        Placeholders {
            name: some("Lee Chen"),
            organisation: some("the city council"),
            field: some("public policy"),
            background: some("retail management"),
            connection: some("Our mutual friend Tom"),
            my_name: some("Alex Kim"),
            ..Placeholders::default()
        },
    ];
    for values in people {
        let rendered = render(&request, &values);
        assert!(rendered.missing.is_empty(), "{rendered:?}");
        let first_name = values.value("first_name");
        let check = check_request(
            &rendered.body,
            first_name.as_deref(),
            values.connection.as_deref(),
        );
        assert!(check.all_ok(), "{}\n{check:#?}", rendered.body);
    }
}

#[test]
fn the_default_request_says_what_the_method_says() {
    let request = render(&default_template(TemplateKind::Request), &dana());
    assert_eq!(request.subject, "Could I ask your advice on UX research?");
    assert!(request
        .body
        .starts_with("Hi Dana,\n\nI found you through Maria Lopez. I hope to move from teaching"));
    assert!(request.body.contains("I'm not looking for a job"));
    assert!(request.body.contains("Would you have 15–20 minutes"));
    assert!(request.body.ends_with("Thank you,\nSam Rivera"));
}

#[test]
fn the_thank_you_and_follow_up_notes_carry_the_specifics() {
    let thanks = render(&default_template(TemplateKind::ThankYou), &dana());
    assert_eq!(thanks.subject, "Thank you, Dana");
    assert!(thanks
        .body
        .starts_with("Hi Dana,\n\nThank you for taking the time"));
    assert!(thanks.body.contains(
        "What you told me — “testing with five users before building anything” — has stayed"
    ));
    assert!(thanks.missing.is_empty());

    let follow_up = render(&default_template(TemplateKind::FollowUp), &dana());
    assert_eq!(follow_up.subject, "Following up on your advice");
    assert!(follow_up.body.contains(
        "I have followed up on them:\n\n- I read Just Enough Research.\n- I joined the local UX meetup.\n\n"
    ));
    assert!(follow_up.missing.is_empty());

    // Before the interview there is no insight yet, and the draft says so.
    let early = render(
        &default_template(TemplateKind::ThankYou),
        &Placeholders {
            insight: None,
            ..dana()
        },
    );
    assert_eq!(early.missing, ["insight"]);
    assert!(early
        .body
        .contains("What you told me — “[a specific thing they said]” — has stayed"));
}

#[test]
fn kinds_and_placeholders_use_snake_case_in_json() {
    assert_eq!(
        serde_json::to_value([
            TemplateKind::Request,
            TemplateKind::ThankYou,
            TemplateKind::FollowUp
        ])
        .unwrap(),
        serde_json::json!(["request", "thank_you", "follow_up"])
    );
    let values: Placeholders =
        serde_json::from_value(serde_json::json!({"first_name": "Dana", "tips": null})).unwrap();
    assert_eq!(
        values,
        Placeholders {
            first_name: some("Dana"),
            ..Placeholders::default()
        }
    );
    let rendered = serde_json::to_value(render(&template("{{name}}", "x"), &values)).unwrap();
    assert_eq!(
        rendered,
        serde_json::json!({"subject": "[name]", "body": "x", "missing": ["name"]})
    );
}

/// Checks the URL for a message, and that it decodes back to the message.
#[track_caller]
fn check_mailto(to: &str, subject: &str, body: &str, expected: &str) {
    let url = mailto_url(to, subject, body);
    assert_eq!(url, expected);
    assert!(url.is_ascii(), "{url}");
}

#[test]
fn mailto_urls_encode_everything_that_could_change_their_meaning() {
    check_mailto(
        "dana@example.com",
        "Coffee & chat?",
        "Hi Dana,\n\n50% of #UX = research + care.\nThanks",
        "mailto:dana@example.com?subject=Coffee%20%26%20chat%3F\
         &body=Hi%20Dana%2C%0D%0A%0D%0A50%25%20of%20%23UX%20%3D%20research%20%2B%20care.%0D%0AThanks",
    );
    check_mailto(
        "jurgen@example.de",
        "Café ☕ with Jürgen",
        "Merci 🙂",
        "mailto:jurgen@example.de?subject=Caf%C3%A9%20%E2%98%95%20with%20J%C3%BCrgen\
         &body=Merci%20%F0%9F%99%82",
    );
    check_mailto(
        "",
        "a=b&c=d",
        "?subject=forged&cc=evil@example.com",
        "mailto:?subject=a%3Db%26c%3Dd&body=%3Fsubject%3Dforged%26cc%3Devil%40example.com",
    );
    check_mailto(
        "",
        "",
        "safe-chars_stay.as~is; others: !*'()[]/\\\"<>",
        "mailto:?body=safe-chars_stay.as~is%3B%20others%3A%20%21%2A%27%28%29%5B%5D%2F%5C%22%3C%3E",
    );
}

#[test]
fn every_kind_of_line_break_becomes_crlf() {
    for body in ["a\nb", "a\r\nb", "a\rb"] {
        check_mailto("", "", body, "mailto:?body=a%0D%0Ab");
    }
    check_mailto("", "", "a\r\n\nb\n", "mailto:?body=a%0D%0A%0D%0Ab%0D%0A");
    // A subject is a single line.
    check_mailto(
        "",
        "Two\nlines\r\nhere",
        "",
        "mailto:?subject=Two%20lines%20here",
    );
}

#[test]
fn addresses_are_encoded_where_needed() {
    for (to, expected) in [
        ("dana@example.com", "mailto:dana@example.com"),
        ("  dana@example.com  ", "mailto:dana@example.com"),
        (
            "dana+coffee@example.com",
            "mailto:dana%2Bcoffee@example.com",
        ),
        // RFC 6068's own example of an address that needs encoding.
        (
            "unlikely?address@example.com",
            "mailto:unlikely%3Faddress@example.com",
        ),
        (
            "Dana Whitfield <dana@example.com>",
            "mailto:dana@example.com",
        ),
        (
            "dana@example.com, lee@example.org",
            "mailto:dana@example.com,lee@example.org",
        ),
        (
            "jürgen@bücher.example",
            "mailto:j%C3%BCrgen@b%C3%BCcher.example",
        ),
        ("", "mailto:"),
        ("   ", "mailto:"),
    ] {
        check_mailto(to, "", "", expected);
    }
    check_mailto("", "Hi", "", "mailto:?subject=Hi");
    check_mailto("", "", "Hi", "mailto:?body=Hi");
    check_mailto("a@b.example", "", "Hi", "mailto:a@b.example?body=Hi");
}

/// Splits a `mailto:` URL into its decoded address and fields.
fn decode(url: &str) -> (String, Vec<(String, String)>) {
    let decoded = |part: &str| percent_decode_str(part).decode_utf8().unwrap().into_owned();
    let rest = url.strip_prefix("mailto:").unwrap();
    let (to, query) = rest.split_once('?').unwrap_or((rest, ""));
    let fields = query
        .split('&')
        .filter(|field| !field.is_empty())
        .map(|field| {
            let (name, value) = field.split_once('=').unwrap();
            (name.to_owned(), decoded(value))
        })
        .collect();
    (decoded(to), fields)
}

#[test]
fn mailto_urls_decode_back_to_the_message() {
    let tricky = [
        (
            "dana@example.com",
            "Coffee & chat? 50% #1 a=b+c",
            "Hi Dana,\r\n\r\nQ&A: 100% ☕ + 🙂 = ?",
        ),
        (
            "jürgen+cc@bücher.example",
            "Ça va, Jürgen ?",
            "Ünïcødé — “quotes” ’ % %25 %0A",
        ),
        ("", "&&&===???###", "+ + +\r\n\r\n"),
    ];
    for (to, subject, body) in tricky {
        let url = mailto_url(to, subject, body);
        assert!(url.is_ascii());
        assert!(
            !url.contains('+') && !url.contains(' ') && !url.contains('#'),
            "{url}"
        );
        let (decoded_to, fields) = decode(&url);
        assert_eq!(decoded_to, to);
        assert_eq!(
            fields,
            [
                ("subject".to_owned(), subject.to_owned()),
                ("body".to_owned(), body.to_owned())
            ]
        );
    }
    // A whole rendered note survives the trip too, its line breaks as CRLF.
    let note = render(&default_template(TemplateKind::ThankYou), &dana());
    let (_, fields) = decode(&mailto_url("dana@example.com", &note.subject, &note.body));
    assert_eq!(fields[0].1, note.subject);
    assert_eq!(fields[1].1, note.body.replace('\n', "\r\n"));
}

/// The sentence of the default request that holds `values`: the one that starts with `start`.
fn sentence_of(body: &str, start: &str) -> String {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("no sentence starting {start:?} in {body:?}"));
    let rest = &body[from..];
    let end = rest.find(". ").map_or(rest.len(), |end| end + 1);
    rest[..end].to_owned()
}

#[test]
fn every_way_of_knowing_them_reads_naturally_in_the_request() {
    // What users type as "How you know them", and the sentence the request opens with.
    for (how_met, expected) in [
        (
            "Alumni group (Waterloo)",
            "We're both in the Alumni group (Waterloo).",
        ),
        ("Waterloo alumni", "We're both Waterloo alumni."),
        (
            "Member of the Design Guild",
            "We're both in the Design Guild.",
        ),
        ("UX Guild Berlin", "We're both in the UX Guild Berlin."),
        (
            "LinkedIn group for UX researchers",
            "We're both in the LinkedIn group for UX researchers.",
        ),
        ("Met at a meetup", "We met at a meetup."),
        ("met through Maria", "We met through Maria."),
        ("- met at a fair", "We met at a fair."),
        (
            "the UX meetup in March",
            "We met at the UX meetup in March.",
        ),
        (
            "Meetup on accessible design",
            "We met at the meetup on accessible design.",
        ),
        (
            "UXLondon conference 2025.",
            "We met at the UXLondon conference 2025.",
        ),
        ("Your talk at UXLondon", "I heard your talk at UXLondon."),
        (
            "Podcast interview on Design Matters",
            "I heard your podcast interview on Design Matters.",
        ),
        (
            "Blog post on research ops",
            "I found you through your blog post on research ops.",
        ),
        (
            "the Design Matters podcast",
            "I found you through the Design Matters podcast.",
        ),
        ("LinkedIn", "I found you through LinkedIn."),
        ("Maria Lopez", "I found you through Maria Lopez."),
        ("Acme Robotics", "I found you through Acme Robotics."),
        (
            "Friend of my sister",
            "I found you through a friend of my sister.",
        ),
        (
            "Former colleague at Acme",
            "I found you through a former colleague at Acme.",
        ),
        (
            "Ex-colleague of Maria",
            "I found you through an ex-colleague of Maria.",
        ),
        (
            "Sister's colleague",
            "I found you through my sister's colleague.",
        ),
        (
            "mutual friend Sam",
            "I found you through our mutual friend Sam.",
        ),
        (
            "Our mutual friend Tom",
            "I found you through our mutual friend Tom.",
        ),
        ("Introduced by Maria", "Maria suggested I contact you."),
        (
            "referred by Maria Lopez",
            "Maria Lopez suggested I contact you.",
        ),
        ("Maria suggested", "Maria suggested I contact you."),
        (
            "Maria suggested I reach out",
            "Maria suggested I reach out.",
        ),
        ("Priya referred", "Priya referred me to you."),
        (
            "we both volunteer at Code Club",
            "We both volunteer at Code Club.",
        ),
    ] {
        let values = Placeholders {
            connection: some(how_met),
            ..dana()
        };
        let request = render(&default_template(TemplateKind::Request), &values);
        assert!(request.missing.is_empty());
        assert!(
            request
                .body
                .starts_with(&format!("Hi Dana,\n\n{expected} I hope to move")),
            "{how_met:?}:\n{}",
            request.body
        );
        assert_eq!(format!("{}.", connection_sentence(how_met)), expected);
        // Whatever the value, the checker sees the connection named first.
        let check = check_request(&request.body, Some("Dana"), Some(how_met));
        assert!(
            check.finding(Rule::NamesConnectionFirst).ok,
            "{how_met:?}: {:?}",
            check.finding(Rule::NamesConnectionFirst)
        );
    }
    // A referrer recorded on the person is said as who suggested the contact.
    let values = Placeholders {
        connection_sentence: some("Priya Shah suggested I contact you"),
        ..dana()
    };
    let request = render(&default_template(TemplateKind::Request), &values);
    assert!(request
        .body
        .starts_with("Hi Dana,\n\nPriya Shah suggested I contact you. I hope to move"));
}

#[test]
fn backgrounds_fields_and_insights_read_naturally() {
    for (background, field, organisation, expected) in [
        (
            "eight years of teaching",
            "UX research",
            "Acme Robotics",
            "I hope to move from eight years of teaching into UX research, the work you do at Acme Robotics.",
        ),
        (
            "marketing at a bank.",
            "product management",
            "Spotify",
            "I hope to move from marketing at a bank into product management, the work you do at Spotify.",
        ),
        (
            "nursing",
            "health informatics",
            "the NHS",
            "I hope to move from nursing into health informatics, the work you do at the NHS.",
        ),
    ] {
        let values = Placeholders {
            background: some(background),
            field: some(field),
            organisation: some(organisation),
            ..dana()
        };
        let request = render(&default_template(TemplateKind::Request), &values);
        assert_eq!(sentence_of(&request.body, "I hope"), expected);
    }

    // The insight is quoted as they said it, without doubled quotation marks or full stops.
    for (insight, expected) in [
        (
            "A portfolio matters more than a certificate",
            "What you told me — “A portfolio matters more than a certificate” — has stayed with me",
        ),
        (
            "A portfolio matters more than a certificate.",
            "What you told me — “A portfolio matters more than a certificate” — has stayed with me",
        ),
        (
            "\"Talk to the research ops team\"",
            "What you told me — “Talk to the research ops team” — has stayed with me",
        ),
        (
            "“Ship small studies often.”",
            "What you told me — “Ship small studies often” — has stayed with me",
        ),
        (
            "Why not start with usability tests?",
            "What you told me — “Why not start with usability tests?” — has stayed with me",
        ),
    ] {
        let values = Placeholders {
            insight: some(insight),
            ..dana()
        };
        let thanks = render(&default_template(TemplateKind::ThankYou), &values);
        assert!(
            thanks
                .body
                .contains(&format!("{expected}, and I am already putting it to use.")),
            "{insight:?}:\n{}",
            thanks.body
        );
    }
}
