//! Message templates: filling placeholders, showing what is still missing, and refusing
//! templates with mistakes.

use coffeechat_core::request_checker::check_request;
use coffeechat_core::templates::{
    default_template, placeholder_names, render, validate_template, Placeholders, Rendered,
    Template, TemplateKind,
};

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
                 {{background}}, {{connection}}, {{insight}}, {{tips}}, {{my_name}}";
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
        .starts_with("Hi Dana,\n\nMaria Lopez suggested I contact you."));
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
    assert!(thanks
        .body
        .contains("What you said about testing with five users before building anything"));
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
        .contains("What you said about [a specific thing they said]"));
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
