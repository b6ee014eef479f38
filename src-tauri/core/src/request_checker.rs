//! Checks a draft request for an informational interview against the well-known rules for a
//! networking message: under 75 words, asks for advice and not a job, names the connection first,
//! makes the request as a question, and talks more about the reader than about the writer.
//!
//! The editor calls [`check_request`] on every keystroke, so it is pure, cheap and never fails:
//! every rule always yields one [`Finding`], ticked or not, with a message that says what to fix.
//! The rules read words, not characters, so punctuation, curly apostrophes and accents in what
//! the user types do not change the verdict.

use serde::Serialize;

/// A request longer than this many words is skimmed or left for later; the rule is "under 75".
pub const WORD_LIMIT: usize = 75;

/// How many words from the start still count as "first" when the first sentence is short.
const OPENING_WORDS: usize = 25;

/// How far back a "not" can reach to turn "looking for a job" into "not looking for a job".
const NEGATION_REACH: usize = 6;

/// One rule of a good request, in the order the editor lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    UnderWordLimit,
    AsksForAdviceNotJob,
    NamesConnectionFirst,
    RequestIsAQuestion,
    MostlyAboutThem,
}

impl Rule {
    /// Every rule, in the order of [`RequestCheck::findings`].
    pub const ALL: [Rule; 5] = [
        Rule::UnderWordLimit,
        Rule::AsksForAdviceNotJob,
        Rule::NamesConnectionFirst,
        Rule::RequestIsAQuestion,
        Rule::MostlyAboutThem,
    ];
}

/// Whether the draft keeps one rule, and a sentence for the user: why it passes, or what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub ok: bool,
    pub message: String,
}

/// The verdict on a draft: its length in words and one finding per rule, in [`Rule::ALL`] order,
/// so the UI can show a tick or a miss beside each rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestCheck {
    pub words: usize,
    pub findings: Vec<Finding>,
}

impl RequestCheck {
    /// The finding for `rule`. Every check holds one per rule, so this cannot miss.
    pub fn finding(&self, rule: Rule) -> &Finding {
        self.findings
            .iter()
            .find(|finding| finding.rule == rule)
            .expect("every check holds a finding for every rule")
    }

    /// Whether the draft keeps every rule.
    pub fn all_ok(&self) -> bool {
        self.findings.iter().all(|finding| finding.ok)
    }
}

/// Checks `text` against every [`Rule`].
///
/// `person_first_name` is the reader's first name: a line that only greets them ("Hi Dana,") is
/// not taken for the first sentence, and the advice can name them. `connection` is what the user
/// recorded about how they are connected, usually the referrer's name; the draft names the
/// connection first when it mentions it at the start.
pub fn check_request(
    text: &str,
    person_first_name: Option<&str>,
    connection: Option<&str>,
) -> RequestCheck {
    let words = tokenize(text);
    if words.is_empty() {
        return RequestCheck {
            words: 0,
            findings: Rule::ALL
                .iter()
                .map(|&rule| Finding {
                    rule,
                    ok: false,
                    message: "Write your message first.".to_owned(),
                })
                .collect(),
        };
    }
    let draft = Draft::new(text, words);
    let reader = person_first_name
        .map(str::trim)
        .filter(|name| !name.is_empty());
    let connection = connection.map(str::trim).filter(|c| !c.is_empty());
    RequestCheck {
        words: draft.words.len(),
        findings: vec![
            under_word_limit(&draft),
            asks_for_advice_not_job(&draft),
            names_connection_first(&draft, reader, connection),
            request_is_a_question(&draft),
            mostly_about_them(&draft, reader),
        ],
    }
}

/// The number of words in `text` as a reader would count them: a token of punctuation alone
/// ("—", "&", "...") is no word, while "don't", "mid-career" and a web address are one word each.
pub fn count_words(text: &str) -> usize {
    tokenize(text).len()
}

fn under_word_limit(draft: &Draft) -> Finding {
    let count = draft.words.len();
    let words = if count == 1 { "word" } else { "words" };
    let (ok, message) = if count < WORD_LIMIT {
        (
            true,
            format!("{count} {words}: short enough to read at a glance."),
        )
    } else {
        (
            false,
            format!("{count} {words}: aim for under {WORD_LIMIT}."),
        )
    };
    Finding {
        rule: Rule::UnderWordLimit,
        ok,
        message,
    }
}

/// Phrases that ask for a job rather than for advice, gathered from real requests: referrals,
/// resumes, openings, positions, hiring and recruiting, "keep me in mind", "any roles". In a
/// phrase, `a|b` is either word. Where two phrases start at the same word, the longer comes
/// first, so that the longest one is quoted back.
const JOB_PHRASES: &[&str] = &[
    "are you hiring|recruiting",
    "is your team|company|department|organisation|organization|firm|group hiring|recruiting",
    "put in a good word",
    "put me forward",
    "keep me in mind",
    "bear me in mind",
    "keep me posted on|about openings|roles|positions|jobs|vacancies|opportunities",
    "think of me",
    "consider me for",
    "vouch for me",
    "recommend me for|to",
    "refer me",
    "referring me",
    "a referral",
    "referral|referrals",
    "to|with the|your hiring manager|managers|team",
    "the|your|a recruiter|recruiters",
    "forward|pass|send|share|give|hand|show|circulate|attach|attaching|attached my|the resume|resumé|résumé|cv",
    "resume|resumé|résumé|cv is|are attached",
    "resume|resumé|résumé|cv attached",
    "attached is my resume|resumé|résumé|cv",
    "my resume|resumé|résumé|cv is|are attached",
    "my resume|resumé|résumé|cv attached",
    "my resume|resumé|résumé|cv",
    "any opening|openings|vacancy|vacancies|position|positions|role|roles|job|jobs|opportunity|opportunities|internship|internships",
    "open position|positions|role|roles|job|jobs",
    "job opening|openings|opportunity|opportunities|offer|offers",
    "position|positions|job|jobs|role|roles|vacancy|vacancies|opening|openings available",
    "a position|role|spot on|in|at|with your|the team|company|department",
    "looking for work|employment|opportunities|roles|positions",
    "for a position|role",
    "role|position|job|spot|opening|vacancy|anything|something opens up",
    "work for|at your team|company",
    "love|like|want|hope|hoping to work for|at",
    "join your team|company",
    "apply|applying|applied for|to|at",
    "hire me",
    "hiring",
    "recruiting",
    "a job",
    "an internship",
    "openings",
    "vacancy|vacancies",
];

/// Words after "hiring" or "recruiting" that make it a question about the field, not a request
/// for a job: "What do hiring managers look for?"
const HIRING_AS_A_TOPIC: &[&str] = &[
    "manager",
    "managers",
    "process",
    "processes",
    "trends",
    "practices",
    "practice",
];

/// Every phrase of `text` that reads like asking for a job, as the user wrote it, in order. A
/// phrase the user denies ("I'm not looking for a job") is not one.
pub fn job_asks(text: &str) -> Vec<String> {
    job_asks_in(&Draft::new(text, tokenize(text)))
}

fn job_asks_in(draft: &Draft) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < draft.words.len() {
        let matched = JOB_PHRASES
            .iter()
            .find_map(|phrase| draft.match_at(at, phrase));
        match matched {
            Some(end) => {
                let last = draft.words[end - 1].norm.as_str();
                let as_topic = matches!(last, "hiring" | "recruiting")
                    && draft
                        .words
                        .get(end)
                        .is_some_and(|next| HIRING_AS_A_TOPIC.contains(&next.norm.as_str()));
                if as_topic || draft.negated(at) {
                    at += 1;
                } else {
                    found.push(draft.quote(at, end));
                    at = end;
                }
            }
            None => at += 1,
        }
    }
    found
}

fn asks_for_advice_not_job(draft: &Draft) -> Finding {
    let asks = job_asks_in(draft);
    let (ok, message) = match asks.as_slice() {
        [] => (
            true,
            "You ask for advice, not for a job: that is what makes busy people say yes.".to_owned(),
        ),
        [one] => (
            false,
            format!("\"{one}\" reads like asking for a job: ask for their advice instead."),
        ),
        [first @ .., last] => {
            let quoted: Vec<String> = first.iter().map(|phrase| format!("\"{phrase}\"")).collect();
            (
                false,
                format!(
                    "{} and \"{last}\" read like asking for a job: ask for their advice instead.",
                    quoted.join(", ")
                ),
            )
        }
    };
    Finding {
        rule: Rule::AsksForAdviceNotJob,
        ok,
        message,
    }
}

/// Phrases that say how the writer and the reader are connected.
const CONNECTION_PHRASES: &[&str] = &[
    "we met",
    "we've|we have met",
    "met you",
    "suggested|recommended|encouraged|advised i|that|contacting|reaching|writing|emailing|e-mailing|speaking|talking|asking|getting",
    "suggested|recommended|mentioned you|your",
    "told me about|to",
    "referred me",
    "pointed me",
    "gave|passed|sent me your",
    "introduced us|me",
    "fellow",
    "alum|alumni|alumnus|alumna|alumnae",
    "we're|we both",
    "we are both",
    "both members|member",
    "member of",
    "found you|your through|via",
    "found your name|profile|details through|via|in|on",
    "mutual friend|friends|connection|connections|contact|contacts|colleague",
    "heard you speak|talk|present",
    "your talk|presentation|panel|session|keynote|workshop|webinar",
];

/// Capitalised first words of a connection that are no first name: "The Design Guild" does not
/// make every "the" a mention of it.
const NOT_NAMES: &[&str] = &["the", "a", "an", "my", "our", "your", "their", "his", "her"];

/// First words of a line that only greets the reader.
const GREETINGS: &[&str] = &["hi", "hello", "dear", "hey", "greetings", "good"];

fn names_connection_first(
    draft: &Draft,
    reader: Option<&str>,
    connection: Option<&str>,
) -> Finding {
    let opening_end = draft.opening_end(reader);
    let named = connection.map(|c| tokenize(c).into_iter().map(|w| w.norm).collect::<Vec<_>>());
    // A referrer recorded as "Maria Lopez" is often written "Maria suggested...".
    let first_name = connection.and_then(|c| {
        let mut words = c.split_whitespace();
        let first = words.next()?;
        let is_name = words.next().is_some()
            && first.chars().next().is_some_and(char::is_uppercase)
            && first.chars().count() >= 2
            && !NOT_NAMES.contains(&normalize(first).as_str());
        is_name.then(|| normalize(first))
    });
    let mentions_at = |at: usize| {
        CONNECTION_PHRASES
            .iter()
            .find_map(|phrase| draft.match_at(at, phrase))
            .or_else(|| {
                let named = named.as_ref().filter(|words| !words.is_empty())?;
                let end = at + named.len();
                let found = draft.words.get(at..end)?;
                found
                    .iter()
                    .zip(named)
                    .all(|(word, named)| &word.norm == named)
                    .then_some(end)
            })
            .or_else(|| (first_name.as_ref() == Some(&draft.words[at].norm)).then_some(at + 1))
            .map(|end| draft.quote(at, end))
    };
    let first = (0..draft.words.len()).find_map(|at| mentions_at(at).map(|quote| (at, quote)));
    let (ok, message) = match first {
        Some((at, _)) if at < opening_end => (
            true,
            "You say how you are connected right at the start.".to_owned(),
        ),
        Some((_, quote)) => (
            false,
            format!(
                "You mention your connection (\"{quote}\") only later: say it in your first \
                 sentence, where it earns their attention."
            ),
        ),
        None => match connection {
            Some(connection) => (
                false,
                format!(
                    "Mention {connection} in your first sentence: a shared connection is why a \
                     stranger answers."
                ),
            ),
            None => (
                false,
                "Say how you are connected in your first sentence, e.g. \"Maria suggested I \
                 contact you\" or \"We met at the UX meetup.\""
                    .to_owned(),
            ),
        },
    };
    Finding {
        rule: Rule::NamesConnectionFirst,
        ok,
        message,
    }
}

/// Phrases that ask the reader for something.
const ASKING_PHRASES: &[&str] = &[
    "would|could|can|will|might you",
    "would|could it",
    "could|can|may i|we",
    "are you open|willing|available|free",
    "do you have",
    "let me know",
    "if you have|had|could|would",
];

/// Words that name the conversation being asked for.
const MEETING_WORDS: &[&str] = &[
    "minute|minutes|min|mins",
    "chat",
    "call",
    "coffee",
    "meet|meeting",
    "conversation",
];

fn request_is_a_question(draft: &Draft) -> Finding {
    let has_any = |range: &std::ops::Range<usize>, phrases: &[&str]| {
        range
            .clone()
            .any(|at| phrases.iter().any(|p| draft.match_at(at, p).is_some()))
    };
    let requests: Vec<_> = draft
        .sentences
        .iter()
        .filter(|s| has_any(s, ASKING_PHRASES) || has_any(s, MEETING_WORDS))
        .collect();
    let asked = requests
        .iter()
        .any(|sentence| draft.words[sentence.end - 1].question);
    // The sentence to quote back is the one that names the meeting, if any does.
    let request = requests
        .iter()
        .rev()
        .find(|s| has_any(s, MEETING_WORDS))
        .or(requests.last());
    let example = "\"Would you have 15–20 minutes for a call in the next few weeks?\"";
    let (ok, message) = match request {
        _ if asked => (
            true,
            "You ask as a question, which is easy to say yes to.".to_owned(),
        ),
        Some(sentence) => {
            let shown = sentence.start..sentence.end.min(sentence.start + 12);
            let more = if shown.end < sentence.end { "…" } else { "" };
            (
                false,
                format!(
                    "\"{}{more}\" makes your request without asking: make it a question, e.g. \
                     {example}",
                    draft.quote(shown.start, shown.end)
                ),
            )
        }
        None => (
            false,
            format!("Ask for the conversation, as a question, e.g. {example}"),
        ),
    };
    Finding {
        rule: Rule::RequestIsAQuestion,
        ok,
        message,
    }
}

const ABOUT_THEM: &[&str] = &[
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "you're",
    "you've",
    "you'd",
    "you'll",
];

const ABOUT_ME: &[&str] = &[
    "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll",
];

fn mostly_about_them(draft: &Draft, reader: Option<&str>) -> Finding {
    let count = |pronouns: &[&str]| {
        draft
            .words
            .iter()
            .filter(|word| pronouns.contains(&word.norm.as_str()))
            .count()
    };
    let (them, me) = (count(ABOUT_THEM), count(ABOUT_ME));
    let them_words = "\"you\" or \"your\"";
    let me_words = "\"I\", \"me\" or \"my\"";
    let reader = reader.unwrap_or("them");
    let (ok, message) = if them > me {
        (
            true,
            format!(
                "Mostly about them: {them_words} {}, {me_words} {}.",
                times(them),
                times(me)
            ),
        )
    } else if them + me == 0 {
        (
            false,
            format!(
                "Write to {reader} directly: say \"you\" and what interests you in their work."
            ),
        )
    } else {
        let lead = if them == me {
            "As much about you as about them"
        } else {
            "More about you than about them"
        };
        (
            false,
            format!(
                "{lead}: {me_words} {}, {them_words} {}. Turn a sentence or two around to {reader} \
                 and their work.",
                times(me),
                times(them)
            ),
        )
    };
    Finding {
        rule: Rule::MostlyAboutThem,
        ok,
        message,
    }
}

fn times(n: usize) -> String {
    match n {
        0 => "not at all".to_owned(),
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

/// One word of the draft, with what the rules need to know about it.
#[derive(Debug)]
struct Word {
    /// Byte offsets of the word in the draft, without the punctuation around it.
    start: usize,
    end: usize,
    /// Lower case with straight apostrophes: what the rules compare.
    norm: String,
    /// A sentence ends after this word: a full stop, "!" or "?" follows it, or a line break.
    sentence_end: bool,
    /// A question mark follows this word.
    question: bool,
    /// A clause ends after this word (";", ":" or a sentence end), which stops a "not".
    clause_end: bool,
}

/// Short words that end in a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "e.g", "i.e", "vs", "st",
];

/// Splits `text` into words. Em dashes separate words as spaces do, since writers often leave
/// no space around them; a run of punctuation alone is no word, though it can end a sentence.
fn tokenize(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut piece_start = None;
    let mut pieces = Vec::new();
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let separates = c.is_whitespace() || c == '—';
        match (separates, piece_start) {
            (true, Some(start)) => {
                pieces.push(start..i);
                piece_start = None;
            }
            (false, None) => piece_start = Some(i),
            _ => {}
        }
        if c == '\n' && i < text.len() {
            pieces.push(i..i);
        }
    }
    for piece in pieces {
        if piece.is_empty() {
            // A line break ends whatever sentence it follows: a greeting, a signature.
            if let Some(last) = words.last_mut() {
                last.sentence_end = true;
                last.clause_end = true;
            }
            continue;
        }
        let raw = &text[piece.clone()];
        let core_start = raw.find(char::is_alphanumeric);
        let Some(core_start) = core_start else {
            // Punctuation alone, as in "a call ?", still ends what comes before it.
            if let Some(last) = words.last_mut() {
                mark_ending(last, raw, false);
            }
            continue;
        };
        let core_end = raw
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, c)| i + c.len_utf8())
            .expect("a piece with a letter has a last letter");
        let norm = normalize(&raw[core_start..core_end]);
        let mut word = Word {
            start: piece.start + core_start,
            end: piece.start + core_end,
            sentence_end: false,
            question: false,
            clause_end: false,
            norm,
        };
        let abbreviation = ABBREVIATIONS.contains(&word.norm.as_str());
        mark_ending(&mut word, &raw[core_end..], abbreviation);
        words.push(word);
    }
    words
}

/// Records what the punctuation `after` a word says about where sentences and clauses end.
fn mark_ending(word: &mut Word, after: &str, abbreviation: bool) {
    if after.contains('?') {
        word.question = true;
    }
    let full_stop = after.contains('.') && !(abbreviation && after == ".");
    if full_stop || after.contains(['!', '?']) {
        word.sentence_end = true;
    }
    if word.sentence_end || after.contains([';', ':']) {
        word.clause_end = true;
    }
}

/// Lower case, with every kind of apostrophe made straight, so "I’m" and "I'm" are one word.
fn normalize(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A draft cut into words and sentences.
struct Draft<'a> {
    text: &'a str,
    words: Vec<Word>,
    /// Each sentence as a range of word indices.
    sentences: Vec<std::ops::Range<usize>>,
}

impl<'a> Draft<'a> {
    fn new(text: &'a str, words: Vec<Word>) -> Self {
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, word) in words.iter().enumerate() {
            if word.sentence_end || i + 1 == words.len() {
                sentences.push(start..i + 1);
                start = i + 1;
            }
        }
        Draft {
            text,
            words,
            sentences,
        }
    }

    /// If `phrase` starts at word `at` within one sentence, the index after its last word.
    /// In a phrase, `a|b` matches either word.
    fn match_at(&self, at: usize, phrase: &str) -> Option<usize> {
        let mut end = at;
        for slot in phrase.split(' ') {
            if end > at && self.words[end - 1].sentence_end {
                return None;
            }
            let word = self.words.get(end)?;
            if !slot.split('|').any(|choice| choice == word.norm) {
                return None;
            }
            end += 1;
        }
        Some(end)
    }

    /// Whether a "not" (or "never", "don't", "without"...) shortly before word `at`, in the same
    /// clause, denies what follows, as in "I'm not looking for a job". "Not sure whether you are
    /// hiring" still asks, so a "not" before "sure" or "know" denies nothing.
    fn negated(&self, at: usize) -> bool {
        let from = at.saturating_sub(NEGATION_REACH);
        for i in (from..at).rev() {
            let word = &self.words[i];
            if word.clause_end || word.norm == "but" {
                return false;
            }
            let denies = matches!(
                word.norm.as_str(),
                "not" | "never" | "no" | "without" | "nor" | "cannot" | "rather" | "instead"
            ) || word.norm.ends_with("n't");
            let hedge = self.words.get(i + 1).is_some_and(|next| {
                matches!(
                    next.norm.as_str(),
                    "sure" | "certain" | "know" | "knowing" | "idea"
                )
            });
            if denies && !hedge {
                return true;
            }
        }
        false
    }

    /// The words `start..end` as the user wrote them, with a question mark if one follows, so
    /// the user recognises their own words.
    fn quote(&self, start: usize, end: usize) -> String {
        let mut quote = self.words[start..end]
            .iter()
            .map(|word| &self.text[word.start..word.end])
            .collect::<Vec<_>>()
            .join(" ");
        if self.words[end - 1].question {
            quote.push('?');
        }
        quote
    }

    /// The index of the first word after the opening: the first sentence (after a line that only
    /// greets the reader), or the first few words when that sentence is shorter.
    fn opening_end(&self, reader: Option<&str>) -> usize {
        let reader = reader.map(normalize);
        let greets = |sentence: &std::ops::Range<usize>| {
            let words = &self.words[sentence.clone()];
            let only_name = reader
                .as_ref()
                .is_some_and(|name| words.len() == 1 && &words[0].norm == name);
            only_name || (words.len() <= 4 && GREETINGS.contains(&words[0].norm.as_str()))
        };
        let first_sentence_end = self
            .sentences
            .iter()
            .find(|sentence| !greets(sentence))
            .map_or(0, |sentence| sentence.end);
        first_sentence_end.max(OPENING_WORDS.min(self.words.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|word| word.norm).collect()
    }

    #[test]
    fn words_keep_apostrophes_hyphens_and_addresses_whole() {
        assert_eq!(
            norms("I’m a mid-career teacher — see https://example.com/a?b=c, thanks!"),
            [
                "i'm",
                "a",
                "mid-career",
                "teacher",
                "see",
                "https://example.com/a?b=c",
                "thanks"
            ]
        );
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks_but_not_after_titles() {
        let words = tokenize("Hi Dr. Lee\nWould you chat? Yes. No");
        let ends: Vec<bool> = words.iter().map(|w| w.sentence_end).collect();
        assert_eq!(ends, [false, false, true, false, false, true, true, false]);
        assert!(words[5].question);
    }
}
