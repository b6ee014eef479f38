//! The request editor's checks on a draft informational-interview request: each rule with
//! drafts that keep it and drafts that miss it, and the exact advice the user reads.

use coffeechat_core::request_checker::{check_request, count_words, job_asks, Rule, WORD_LIMIT};

/// A request that keeps every rule: 60 words, connection first, not a job, asked as a question,
/// and more about Dana than about the writer.
const GOOD: &str = "Hi Dana,

Maria Lopez suggested I contact you. Your move from teaching into UX research at Acme is \
the path I hope to follow. I'm not looking for a job; I'd value your advice on how you got \
started and what you wish you had known. Would you have 15–20 minutes for a call in the coming \
weeks?

Thanks,
Sam";

/// A request as many first drafts are: long, all about the writer, and asking for a job.
const LONG_AND_ASKING: &str = "Hello,

My name is Sam Rivera and I am a secondary school teacher with eight years of experience. \
I have become very interested in user experience research, and I have been taking \
an online course in the evenings to learn the basics. I think my background in \
teaching gives me strong skills in observing people and explaining complex ideas clearly. I would love to work for a company like yours, so I wanted to ask whether \
you have any openings? I have attached my resume for you to look at.

Thanks,
Sam";

/// Whether `text`, checked with no name and no connection, keeps `rule`.
#[track_caller]
fn check(rule: Rule, text: &str, ok: bool) {
    let finding = check_request(text, None, None).finding(rule).clone();
    assert_eq!(
        finding.ok,
        ok,
        "{rule:?} on {text:?}: {message}",
        message = finding.message
    );
}

/// The advice the user reads for `rule` on `text`.
#[track_caller]
fn message(rule: Rule, text: &str, first_name: Option<&str>, connection: Option<&str>) -> String {
    check_request(text, first_name, connection)
        .finding(rule)
        .message
        .clone()
}

#[test]
fn a_good_request_keeps_every_rule() {
    let check = check_request(GOOD, Some("Dana"), Some("Maria Lopez"));
    assert_eq!(check.words, 60);
    assert!(check.all_ok(), "{check:#?}");
    assert_eq!(
        check.findings.iter().map(|f| f.rule).collect::<Vec<_>>(),
        Rule::ALL,
        "one finding per rule, in the editor's order"
    );
    // Without knowing the connection, the phrase "suggested I contact you" still names it.
    assert!(check_request(GOOD, None, None).all_ok());
}

#[test]
fn a_long_draft_that_asks_for_openings_fails_both_rules_and_says_why() {
    let check = check_request(LONG_AND_ASKING, Some("Dana"), None);
    assert_eq!(check.words, 92);
    let under = check.finding(Rule::UnderWordLimit);
    assert!(!under.ok);
    assert_eq!(under.message, "92 words: aim for under 75.");
    let advice = check.finding(Rule::AsksForAdviceNotJob);
    assert!(!advice.ok);
    assert_eq!(
        advice.message,
        "\"love to work for\", \"any openings?\" and \"attached my resume\" read like asking for a \
         job: ask for their advice instead."
    );
    assert_eq!(
        check.finding(Rule::MostlyAboutThem).message,
        "More about you than about them: \"I\", \"me\" or \"my\" 11 times, \"you\" or \"your\" \
         3 times. Turn a sentence or two around to Dana and their work."
    );
    assert!(!check.finding(Rule::NamesConnectionFirst).ok);
}

#[test]
fn words_are_counted_as_a_reader_counts_them() {
    for (text, words) in [
        ("", 0),
        ("   \n\t ", 0),
        ("Hello", 1),
        ("Hello, Dana!", 2),
        ("I'm a mid-career teacher.", 4),
        ("I’m here — and there.", 4),
        ("coffee—or tea", 3),
        (
            "See https://www.linkedin.com/in/dana-whitfield?trk=abc for more.",
            4,
        ),
        ("Q&A & more ... !!! — – -", 2),
        ("15–20 minutes", 2),
        ("Jürgen, ça va? Très bien.", 5),
        ("🙂 thanks 🙂", 1),
    ] {
        assert_eq!(count_words(text), words, "{text:?}");
    }
}

#[test]
fn under_the_word_limit() {
    let words = |n: usize| vec!["word"; n].join(" ");
    check(Rule::UnderWordLimit, &words(1), true);
    check(Rule::UnderWordLimit, &words(WORD_LIMIT - 1), true);
    check(Rule::UnderWordLimit, &words(WORD_LIMIT), false);
    check(Rule::UnderWordLimit, &words(200), false);
    // Punctuation between words makes a draft no longer.
    let spaced = format!("{} — — ... !", words(WORD_LIMIT - 1));
    check(Rule::UnderWordLimit, &spaced, true);
    assert_eq!(
        message(Rule::UnderWordLimit, "Hello", None, None),
        "1 word: short enough to read at a glance."
    );
    assert_eq!(
        message(Rule::UnderWordLimit, &words(75), None, None),
        "75 words: aim for under 75."
    );
}

#[test]
fn asking_for_a_job_is_flagged_whatever_the_case_and_punctuation() {
    for (text, phrase) in [
        ("Do you have any openings?", "any openings?"),
        ("Do you have ANY OPENINGS right now", "ANY OPENINGS"),
        ("Are you hiring?", "Are you hiring?"),
        ("Is your team hiring this year?", "Is your team hiring"),
        ("I saw you're hiring.", "hiring"),
        ("Are there open positions on your team?", "open positions"),
        ("I'd love to hear about job openings.", "job openings"),
        ("Could you help me find a job?", "a job?"),
        ("Could you refer me?", "refer me?"),
        ("Would you refer me, please?", "refer me"),
        ("Any vacancies", "Any vacancies"),
        ("Is there a position available?", "position available?"),
        ("My resume is attached.", "My resume is attached"),
        ("My CV attached for reference.", "My CV attached"),
        ("I’ve attached my résumé.", "attached my résumé"),
        ("How do I apply for your team?", "apply for"),
        ("Could you put in a good word for me?", "put in a good word"),
        ("I'm not sure whether you are hiring.", "hiring"),
        ("I don't know if you have any openings.", "any openings"),
        (
            "I'm not looking for a job, but are you hiring?",
            "are you hiring?",
        ),
        ("Not a job. Any openings?", "Any openings?"),
    ] {
        assert_eq!(
            message(Rule::AsksForAdviceNotJob, text, None, None),
            format!("\"{phrase}\" reads like asking for a job: ask for their advice instead."),
            "{text:?}"
        );
    }
}

/// The job asks found in `text`, as the user wrote them.
#[track_caller]
fn asks(text: &str) -> Vec<String> {
    let found = job_asks(text);
    let finding = check_request(text, None, None)
        .finding(Rule::AsksForAdviceNotJob)
        .clone();
    assert_eq!(
        finding.ok,
        found.is_empty(),
        "{text:?}: {}",
        finding.message
    );
    for phrase in &found {
        assert!(
            finding.message.contains(&format!("\"{phrase}\"")),
            "{text:?}: {}",
            finding.message
        );
    }
    found
}

#[test]
fn real_job_asks_are_flagged_every_time_they_occur() {
    for (text, expected) in [
        (
            "Is your team recruiting? Could you forward my resume?",
            &["Is your team recruiting?", "forward my resume?"][..],
        ),
        (
            "Could you pass my resume to the hiring manager?",
            &["pass my resume", "to the hiring manager?"],
        ),
        ("Would you be able to refer me for the role?", &["refer me"]),
        ("A referral from you would mean a lot.", &["A referral"]),
        ("I'd be grateful for any referrals.", &["referrals"]),
        ("Are there any roles on your team?", &["any roles"]),
        (
            "Please keep me in mind if anything opens up.",
            &["keep me in mind", "anything opens up"],
        ),
        (
            "Do let me know if a position opens up.",
            &["position opens up"],
        ),
        ("Are there open roles at Acme?", &["open roles"]),
        ("I'm applying to Acme next month.", &["applying to"]),
        (
            "Could you share my CV with your recruiter?",
            &["share my CV", "your recruiter?"],
        ),
        ("I would love to join your team.", &["join your team"]),
        (
            "I'd love to work for a company like yours.",
            &["love to work for"],
        ),
        (
            "Is Acme hiring? Are you recruiting? Any openings?",
            &["hiring?", "Are you recruiting?", "Any openings?"],
        ),
        (
            "I'm looking for work in UX research.",
            &["looking for work"],
        ),
        (
            "Could you put me forward for the internship?",
            &["put me forward"],
        ),
        (
            "Happy to send over my résumé and portfolio.",
            &["my résumé"],
        ),
        (
            "Think of me for a position on your team!",
            &["Think of me", "for a position"],
        ),
    ] {
        assert_eq!(asks(text), expected, "{text:?}");
    }
    // Several asks are said in one sentence, each quoted.
    assert_eq!(
        message(
            Rule::AsksForAdviceNotJob,
            "Is your team recruiting? Could you forward my resume?",
            None,
            None
        ),
        "\"Is your team recruiting?\" and \"forward my resume?\" read like asking for a job: ask \
         for their advice instead."
    );
    assert_eq!(
        message(Rule::AsksForAdviceNotJob, "Any roles? Any openings? Are you hiring?", None, None),
        "\"Any roles?\", \"Any openings?\" and \"Are you hiring?\" read like asking for a job: ask \
         for their advice instead."
    );
}

#[test]
fn real_counter_examples_stay_green() {
    for text in [
        "I'm not looking for a job.",
        "I'm not asking for a referral.",
        "I'm not asking for a referral or a job, only your advice.",
        "I won't send you my resume; I'd just love your advice.",
        "This isn't about openings on your team.",
        "Would Tuesday work for you?",
        "What do hiring managers look for in a portfolio?",
        "How has recruiting practice changed in UX?",
        "Which positions are in demand in your field?",
        "How did you land your first job in research?",
        "If something comes up, we can move the call.",
        "Could you recommend a book on research ops?",
        "What would you look for in a junior researcher's portfolio?",
        "Your role at Acme sounds fascinating.",
    ] {
        assert_eq!(asks(text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn saying_you_are_not_after_a_job_is_not_asking_for_one() {
    for text in [
        "I'm not looking for a job.",
        "I’m not looking for a job; I'd value your advice.",
        "I am not asking for a job, only for your advice.",
        "To be clear, this is not a request for a job.",
        "I don't want a job, just your perspective.",
        "I'm never going to ask you for a job.",
        "Without asking for a job, I'd love your insight.",
        "Advice, rather than a job, is what I hope for.",
        "I'm not here about open positions.",
        "How did you start? What do hiring managers look for in the field?",
        "What is the hiring process like in your field?",
        "How do you apply design thinking at work?",
        "Your job sounds fascinating.",
        "",
    ] {
        check(Rule::AsksForAdviceNotJob, text, !text.is_empty());
    }
    assert_eq!(
        message(Rule::AsksForAdviceNotJob, GOOD, None, None),
        "You ask for advice, not for a job: that is what makes busy people say yes."
    );
}

#[test]
fn the_connection_is_named_in_the_first_sentence() {
    for (text, connection, ok) in [
        (
            "We met at the UX meetup last week. Would you chat?",
            None,
            true,
        ),
        (
            "Maria Lopez suggested I contact you about research.",
            None,
            true,
        ),
        ("Maria suggested that I write to you.", None, true),
        ("Maria recommended reaching out to you.", None, true),
        (
            "As a fellow alumna of Leeds, I admire your work.",
            None,
            true,
        ),
        ("As a fellow Leeds alumnus I admire your work.", None, true),
        ("We’re both members of the UX Guild.", None, true),
        ("We are both members of the UX Guild.", None, true),
        (
            "I found you through the Women in Data Slack group.",
            None,
            true,
        ),
        ("Our mutual friend Ana gave me your name.", None, true),
        ("I loved your talk at DevDays.", None, true),
        (
            "Maria Lopez thought you would be the best person to ask.",
            Some("Maria Lopez"),
            true,
        ),
        (
            "Maria thought you would be the best person to ask.",
            Some("Maria Lopez"),
            true,
        ),
        (
            "Hello! Everyone at the Design Guild says you know the field best.",
            Some("the Design Guild"),
            true,
        ),
        (
            "I am a teacher who wants to move into UX. I admire your work.",
            None,
            false,
        ),
        (
            "I admire your work. I hope you are well.",
            Some("Maria Lopez"),
            false,
        ),
        // Only a connection written as a name lends its first word: "The" is no first name.
        (
            "The research you publish is great.",
            Some("The Design Guild"),
            false,
        ),
        ("maria is a word here.", Some("maria lopez"), false),
    ] {
        let check = check_request(text, None, connection);
        let finding = check.finding(Rule::NamesConnectionFirst);
        assert_eq!(finding.ok, ok, "{text:?} with {connection:?}: {finding:?}");
    }
}

#[test]
fn a_greeting_line_is_not_the_first_sentence() {
    let text = "Hi Dana,\n\nI've followed your work on accessible design for a long time, and \
                I keep coming back to your talk at DevDays on research with older people.";
    check(Rule::NamesConnectionFirst, text, true);
    let text = "Dana,\nMaria suggested I write to you.";
    assert!(
        check_request(text, Some("Dana"), None)
            .finding(Rule::NamesConnectionFirst)
            .ok
    );
}

#[test]
fn a_connection_named_late_is_named_but_not_first() {
    let late = "I am a secondary school teacher and I have spent the last eight years \
                explaining hard ideas to teenagers, which I love. Lately I have been learning \
                about research methods in the evenings. We met at the UX meetup in March.";
    assert_eq!(
        message(Rule::NamesConnectionFirst, late, None, None),
        "You mention your connection (\"We met\") only later: say it in your first sentence, \
         where it earns their attention."
    );
    assert_eq!(
        message(
            Rule::NamesConnectionFirst,
            "I admire your work.",
            None,
            Some("Maria Lopez")
        ),
        "Mention Maria Lopez in your first sentence: a shared connection is why a stranger \
         answers."
    );
    assert_eq!(
        message(
            Rule::NamesConnectionFirst,
            "I admire your work.",
            None,
            None
        ),
        "Say how you are connected in your first sentence, e.g. \"Maria suggested I contact \
         you\" or \"We met at the UX meetup.\""
    );
}

#[test]
fn the_request_is_a_question() {
    for (text, ok) in [
        ("Would you have 15 minutes for a call?", true),
        ("Could you spare 20 minutes next week?", true),
        ("Are you open to a short chat?", true),
        ("Are you willing to share your story over coffee?", true),
        ("Do you have time for a quick call ?", true),
        ("Let me know if you'd be open to a quick call?", true),
        (
            "I'd love to buy you a coffee. Would you be open to it?",
            true,
        ),
        ("Would you have 15 minutes for a call?\nBest,\nSam", true),
        ("Would you have 15 minutes for a call.", false),
        ("Let me know if you have 20 minutes for a call.", false),
        ("I would love to have a 20-minute chat with you", false),
        ("I admire your work. Thanks for reading.", false),
        ("", false),
    ] {
        check(Rule::RequestIsAQuestion, text, ok);
    }
}

#[test]
fn a_request_that_is_no_question_is_quoted_back() {
    assert_eq!(
        message(
            Rule::RequestIsAQuestion,
            "Maria suggested I write. Let me know if you have 20 minutes for a call.",
            None,
            None
        ),
        "\"Let me know if you have 20 minutes for a call\" makes your request without \
         asking: make it a question, e.g. \"Would you have 15–20 minutes for a call in the next \
         few weeks?\""
    );
    assert_eq!(
        message(
            Rule::RequestIsAQuestion,
            "I would really love it if we could find twenty minutes some time soon to talk.",
            None,
            None
        ),
        "\"I would really love it if we could find twenty minutes some…\" makes your \
         request without asking: make it a question, e.g. \"Would you have 15–20 minutes for a \
         call in the next few weeks?\""
    );
    assert_eq!(
        message(Rule::RequestIsAQuestion, "I admire your work.", None, None),
        "Ask for the conversation, as a question, e.g. \"Would you have 15–20 minutes for a \
         call in the next few weeks?\""
    );
    assert_eq!(
        message(Rule::RequestIsAQuestion, GOOD, None, None),
        "You ask as a question, which is easy to say yes to."
    );
}

#[test]
fn the_message_is_mostly_about_them() {
    for (text, ok) in [
        ("Your work inspires me. How did you start?", true),
        ("You’re an expert; you've done it; I'd love to learn.", true),
        ("I admire you.", false),
        ("I admire your work and you inspire me.", false),
        (
            "I’m a teacher. I’ve taught for years. Your work is great.",
            false,
        ),
        ("Greetings from Leeds.", false),
        // "Mine" and "yours" count too, and a word that only contains one does not.
        ("Yours is a path like mine; yours inspires.", true),
        ("Your mind and your idea.", true),
    ] {
        check(Rule::MostlyAboutThem, text, ok);
    }
}

#[test]
fn the_pronoun_count_is_explained_in_plain_words() {
    assert_eq!(
        message(
            Rule::MostlyAboutThem,
            "Your work inspires me. How did you start?",
            None,
            None
        ),
        "Mostly about them: \"you\" or \"your\" twice, \"I\", \"me\" or \"my\" once."
    );
    assert_eq!(
        message(Rule::MostlyAboutThem, "You inspire.", None, None),
        "Mostly about them: \"you\" or \"your\" once, \"I\", \"me\" or \"my\" not at all."
    );
    assert_eq!(
        message(Rule::MostlyAboutThem, "I admire you.", Some("Dana"), None),
        "As much about you as about them: \"I\", \"me\" or \"my\" once, \"you\" or \"your\" \
         once. Turn a sentence or two around to Dana and their work."
    );
    assert_eq!(
        message(
            Rule::MostlyAboutThem,
            "I’m a teacher and I’ve taught for years.",
            None,
            None
        ),
        "More about you than about them: \"I\", \"me\" or \"my\" twice, \"you\" or \"your\" not \
         at all. Turn a sentence or two around to them and their work."
    );
    assert_eq!(
        message(Rule::MostlyAboutThem, "Greetings from Leeds.", None, None),
        "Write to them directly: say \"you\" and what interests you in their work."
    );
}

#[test]
fn curly_and_straight_apostrophes_read_the_same() {
    let straight = "Maria suggested I contact you. I'm not looking for a job. You've built \
                    what I'd like to learn; you're the expert. Would you have 15 minutes?";
    let curly = straight.replace('\'', "’");
    assert_ne!(straight, curly);
    let (straight, curly) = (
        check_request(straight, None, None),
        check_request(&curly, None, None),
    );
    assert_eq!(straight, curly);
    assert!(curly.all_ok(), "{curly:#?}");
    // "I’m" is one word, and it is about the writer.
    assert_eq!(count_words("I’m"), 1);
    check(
        Rule::MostlyAboutThem,
        "I’m sure you’re busy; you’ve a lot on.",
        true,
    );
}

#[test]
fn an_empty_draft_asks_for_a_message_and_never_panics() {
    for text in ["", "   ", "\n\n", "— ... !?", "🙂🙂"] {
        let check = check_request(text, Some("Dana"), Some("Maria"));
        assert_eq!(check.words, 0, "{text:?}");
        assert_eq!(check.findings.len(), Rule::ALL.len());
        for finding in &check.findings {
            assert!(!finding.ok, "{text:?}: {finding:?}");
            assert_eq!(finding.message, "Write your message first.");
        }
    }
}

#[test]
fn odd_drafts_are_checked_without_panicking() {
    for text in [
        "?",
        "a?",
        "Dr.",
        "Hi\n",
        "\n\nWould you?",
        "é",
        "👋 Dana —",
        "you you you you",
        "'''",
        "Ms. Lee, would you?",
        &"word ".repeat(5_000),
    ] {
        let check = check_request(text, Some(""), Some(" "));
        assert_eq!(check.findings.len(), Rule::ALL.len(), "{text:?}");
    }
}

#[test]
fn the_check_serializes_with_snake_case_rules() {
    let json = serde_json::to_value(check_request("Would you chat?", None, None)).unwrap();
    assert_eq!(json["words"], 3);
    let rules: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["rule"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        rules,
        [
            "under_word_limit",
            "asks_for_advice_not_job",
            "names_connection_first",
            "request_is_a_question",
            "mostly_about_them"
        ]
    );
    assert_eq!(json["findings"][3]["ok"], true);
    assert!(json["findings"][3]["message"].is_string());
}
