//! Message templates with `{{placeholders}}`, and the `mailto:` links that open them as drafts.
//!
//! The method rests on three messages: the request for an interview, the thank-you note and the
//! follow-up note. Each has a default the user may edit. Filling one in never fails: a placeholder
//! without a value becomes a visible marker such as `[first name]` and is listed in
//! [`Rendered::missing`], because a half-filled draft the user can finish is more useful than an
//! error. Saving an edited template is where mistakes are refused, by [`validate_template`].

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which of the method's messages a template writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Request,
    ThankYou,
    FollowUp,
}

impl TemplateKind {
    /// Every kind, in the order Settings lists them.
    pub const ALL: [TemplateKind; 3] = [
        TemplateKind::Request,
        TemplateKind::ThankYou,
        TemplateKind::FollowUp,
    ];

    /// The name stored in the database and sent to the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateKind::Request => "request",
            TemplateKind::ThankYou => "thank_you",
            TemplateKind::FollowUp => "follow_up",
        }
    }
}

impl rusqlite::types::ToSql for TemplateKind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for TemplateKind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        TemplateKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or(rusqlite::types::FromSqlError::InvalidType)
    }
}

/// A message with `{{placeholders}}` in its subject and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// The values placeholders are filled with. A value that is absent or blank counts as missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Placeholders {
    /// The reader's first name; taken from `name` when not given.
    pub first_name: Option<String>,
    /// The reader's full name.
    pub name: Option<String>,
    /// The reader's job title.
    pub title: Option<String>,
    pub organisation: Option<String>,
    /// The field the user is exploring, e.g. "UX research".
    pub field: Option<String>,
    /// Where the user comes from, e.g. "eight years of teaching".
    pub background: Option<String>,
    /// How the user and the reader are connected, as the user wrote it: who suggested the
    /// contact, or where they met ("Alumni group (Waterloo)", "LinkedIn").
    pub connection: Option<String>,
    /// The connection said as a sentence without its full stop, such as "Maria Lopez suggested I
    /// contact you" or "We're both in the Alumni group (Waterloo)"; made from `connection` by
    /// [`connection_sentence`] when not given.
    pub connection_sentence: Option<String>,
    /// The specific thing from the interview the thank-you note mentions.
    pub insight: Option<String>,
    /// The reader's tips and how the user followed up on them.
    pub tips: Option<String>,
    /// The user's own name, to sign with.
    pub my_name: Option<String>,
}

/// Every placeholder name a template may use, with the marker shown when it has no value.
const PLACEHOLDERS: [(&str, &str); 11] = [
    ("first_name", "first name"),
    ("name", "name"),
    ("title", "job title"),
    ("organisation", "organisation"),
    ("field", "field"),
    ("background", "your background"),
    ("connection_sentence", "how you are connected"),
    ("connection", "connection"),
    ("insight", "a specific thing they said"),
    ("tips", "their tips and what you did"),
    ("my_name", "your name"),
];

/// The placeholder names a template may use, in the order the editor lists them.
pub fn placeholder_names() -> impl Iterator<Item = &'static str> {
    PLACEHOLDERS.iter().map(|(name, _)| *name)
}

impl Placeholders {
    /// The trimmed value of the placeholder `name`, if it has one.
    pub fn value(&self, name: &str) -> Option<String> {
        let given = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        match name {
            "first_name" => given(&self.first_name)
                .or_else(|| given(&self.name).and_then(|name| first_name_of(&name))),
            "name" => given(&self.name),
            "title" => given(&self.title),
            "organisation" => given(&self.organisation),
            "field" => given(&self.field),
            "background" => given(&self.background).map(|v| without_full_stop(&v)),
            "connection" => given(&self.connection),
            "connection_sentence" => given(&self.connection_sentence)
                .or_else(|| given(&self.connection).map(|how| connection_sentence(&how))),
            "insight" => given(&self.insight).map(|v| as_quotation(&v)),
            "tips" => given(&self.tips),
            "my_name" => given(&self.my_name),
            _ => None,
        }
    }
}

/// Titles that come before a first name and are not one.
const HONORIFICS: &[&str] = &["dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"];

/// The first name in a full name: the first word that is no title, or the first word after the
/// comma of a name written "Whitfield, Dana" as address books export it.
fn first_name_of(name: &str) -> Option<String> {
    let given_names = match name.split_once(',') {
        Some((_, given)) if !given.trim().is_empty() => given,
        _ => name,
    };
    let mut words = given_names.split_whitespace();
    let first = words.next()?;
    let is_title = HONORIFICS.contains(&first.trim_end_matches('.').to_lowercase().as_str());
    match words.next() {
        Some(next) if is_title => Some(next.to_owned()),
        _ => Some(first.to_owned()),
    }
}

/// `text` without the full stops (or ellipsis) it ends with, since the template's sentence goes
/// on after it. A question or exclamation mark is kept.
fn without_full_stop(text: &str) -> String {
    text.trim_end_matches(['.', '…', ' ']).to_owned()
}

/// An insight as it reads between quotation marks: without the quotation marks the user may have
/// typed around it and without a final full stop, so `“{{insight}}”` never doubles them.
fn as_quotation(text: &str) -> String {
    let quotes: &[char] = &['"', '“', '”', '„', '«', '»', '\'', '‘', '’'];
    let inner = text.trim();
    let inner = match (inner.chars().next(), inner.chars().last()) {
        (Some(first), Some(last))
            if inner.chars().count() > 1 && quotes.contains(&first) && quotes.contains(&last) =>
        {
            inner[first.len_utf8()..inner.len() - last.len_utf8()].trim()
        }
        _ => inner,
    };
    without_full_stop(inner)
}

/// Words that open a phrase without needing "the" or "a" before it.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "our", "my", "your", "their", "his", "her", "this", "that", "one",
];

/// Groups both people can be in: "We're both in the Alumni group (Waterloo)".
const GROUP_WORDS: &[&str] = &[
    "alumni",
    "alumnae",
    "alumnus",
    "alumna",
    "group",
    "club",
    "association",
    "society",
    "network",
    "community",
    "guild",
    "chapter",
    "cohort",
    "bootcamp",
    "circle",
    "collective",
    "slack",
    "discord",
    "forum",
];

/// A group named by its members: "We're both Waterloo alumni".
const ALUMNI_WORDS: &[&str] = &["alumni", "alumnae", "alumnus", "alumna"];

/// Occasions people meet at: "We met at the UX meetup in March".
const EVENT_WORDS: &[&str] = &[
    "meetup",
    "meet-up",
    "conference",
    "workshop",
    "fair",
    "event",
    "party",
    "dinner",
    "hackathon",
    "summit",
    "wedding",
    "reception",
    "festival",
    "seminar",
    "barbecue",
    "bbq",
    "retreat",
    "training",
    "convention",
    "expo",
];

/// Things of theirs the user heard or read: "I heard your talk at UXLondon".
const HEARD_WORDS: &[&str] = &[
    "talk",
    "presentation",
    "keynote",
    "panel",
    "webinar",
    "lecture",
    "podcast",
    "interview",
];

/// Things of theirs the user read: "I found you through your blog post on research ops".
const READ_WORDS: &[&str] = &[
    "blog",
    "article",
    "post",
    "newsletter",
    "website",
    "site",
    "book",
    "paper",
    "video",
    "thread",
    "portfolio",
    "profile",
];

/// People the user knows who know the reader: "I found you through a friend of my sister".
const RELATION_WORDS: &[&str] = &[
    "friend",
    "colleague",
    "coworker",
    "co-worker",
    "classmate",
    "neighbour",
    "neighbor",
    "cousin",
    "sister",
    "brother",
    "mentor",
    "manager",
    "teammate",
    "former",
    "ex-colleague",
    "mutual",
    "contact",
    "acquaintance",
    "boss",
    "teacher",
    "professor",
    "tutor",
    "partner",
    "aunt",
    "uncle",
    "mother",
    "father",
    "mum",
    "mom",
    "dad",
    "wife",
    "husband",
];

/// Verbs that say who suggested the contact when the user wrote "Introduced by Maria".
const BY_VERBS: &[&str] = &["introduced", "referred", "recommended", "suggested", "sent"];

/// Words that make what the user wrote a sentence of its own ("Maria suggested I contact you",
/// "We both volunteer at Code Club"), to be used as it is.
const CLAUSE_STARTS: &[&str] = &[
    "i", "i'm", "i've", "we", "we're", "we've", "you", "you're", "you've", "she", "he", "they",
];
const CLAUSE_VERBS: &[&str] = &[
    "suggested",
    "recommended",
    "told",
    "introduced",
    "pointed",
    "gave",
    "passed",
    "mentioned",
    "said",
    "thought",
    "encouraged",
    "referred",
    "sent",
];

/// How the user and the reader are connected, said as a sentence (without its full stop) from
/// what the user wrote about it, so that every value reads naturally in a message: "Alumni group
/// (Waterloo)" becomes "We're both in the Alumni group (Waterloo)", "met at a meetup" becomes "We
/// met at a meetup", "Introduced by Maria" becomes "Maria suggested I contact you", and anything
/// else becomes "I found you through …", which reads well with a name, a company or a website.
pub fn connection_sentence(how: &str) -> String {
    // A list's dash or bullet in front ("- met at a fair") is no part of the sentence.
    let how = how.trim_start_matches(['-', '–', '—', '•', '*', '·', ':', ' ']);
    let how = without_full_stop(how.trim());
    let words: Vec<String> = how
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
                .replace('’', "'")
                .to_lowercase()
        })
        .collect();
    let Some(first) = words.first().map(String::as_str) else {
        return how;
    };
    let has = |list: &[&str]| words.iter().any(|word| list.contains(&word.as_str()));
    let rest_after = |count: usize| -> &str {
        let mut rest = how.as_str();
        for _ in 0..count {
            rest = rest.trim_start();
            rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
        }
        rest.trim_start()
    };
    // "Maria suggested I contact you", "We both volunteer at Code Club": already a sentence.
    if CLAUSE_STARTS.contains(&first)
        || words[1..]
            .iter()
            .any(|word| CLAUSE_VERBS.contains(&word.as_str()))
    {
        // "Maria suggested" says who, but not what: finish the sentence.
        let ending = match words.last().map(String::as_str) {
            Some("suggested" | "recommended") if words.len() > 1 => " I contact you",
            Some("referred" | "introduced") if words.len() > 1 => " me to you",
            _ => "",
        };
        return format!("{}{ending}", capitalised(&how));
    }
    // "Introduced by Maria", "Referred by Maria Lopez".
    if BY_VERBS.contains(&first) && words.get(1).map(String::as_str) == Some("by") {
        let who = rest_after(2);
        if !who.is_empty() {
            return format!("{who} suggested I contact you");
        }
    }
    // "Met at a meetup", "met through Maria".
    if first == "met" {
        return format!("We {}", lowercased_first(&how));
    }
    // "Member of the Design Guild".
    if matches!(first, "member" | "members" | "fellow")
        && words.get(1).map(String::as_str) == Some("of")
    {
        return format!("We're both in {}", with_the(rest_after(2)));
    }
    // "Waterloo alumni", "Fellow alumni of Waterloo".
    if ALUMNI_WORDS.contains(&words[words.len() - 1].as_str()) {
        let common = DETERMINERS.contains(&first) || ALUMNI_WORDS.contains(&first);
        let group = if common {
            lowercased_first(&how)
        } else {
            how.clone()
        };
        return format!("We're both {group}");
    }
    if has(GROUP_WORDS) {
        return format!("We're both in {}", with_the(&how));
    }
    // "Your talk at UXLondon", "Talk at UXLondon": theirs, heard.
    if first == "your" && has(HEARD_WORDS) {
        return format!("I heard {}", lowercased_first(&how));
    }
    if HEARD_WORDS.contains(&first) {
        return format!("I heard your {}", lowercased_first(&how));
    }
    if has(EVENT_WORDS) {
        let event = if EVENT_WORDS.contains(&first) {
            lowercased_first(&how)
        } else {
            how.clone()
        };
        return format!("We met at {}", with_the(&event));
    }
    // "Blog post on research ops", "the Design Matters podcast".
    if READ_WORDS.contains(&first) {
        return format!("I found you through your {}", lowercased_first(&how));
    }
    if has(HEARD_WORDS) || has(READ_WORDS) {
        return format!("I found you through {}", with_the(&how));
    }
    // "Friend of my sister", "Sister's colleague", "mutual friend Sam".
    let relation = first.trim_end_matches("'s");
    if RELATION_WORDS.contains(&relation) {
        let article = if first.ends_with("'s") {
            "my "
        } else if first == "mutual" {
            "our "
        } else if first.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an "
        } else {
            "a "
        };
        return format!("I found you through {article}{}", lowercased_first(&how));
    }
    if DETERMINERS.contains(&first) {
        return format!("I found you through {}", lowercased_first(&how));
    }
    format!("I found you through {how}")
}

/// `text` with "the" before it, unless it starts with a word such as "the", "our" or "my".
fn with_the(text: &str) -> String {
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if DETERMINERS.contains(&first.as_str()) {
        lowercased_first(text)
    } else {
        format!("the {text}")
    }
}

/// `text` with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` with its first letter in lower case, unless the first word is an acronym or a name
/// written with capitals inside ("UX", "LinkedIn").
fn lowercased_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    if first_word.chars().skip(1).any(char::is_uppercase) {
        return text.to_owned();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The marker a placeholder without a value leaves in a draft, such as `[your name]`, for each
/// placeholder name: a draft the user edited is searched for them, since what is still to be
/// filled in is what its text still says.
pub fn markers() -> impl Iterator<Item = (&'static str, String)> {
    PLACEHOLDERS
        .iter()
        .map(|(name, label)| (*name, format!("[{label}]")))
}

/// The placeholders whose markers `text` still holds, in the order of [`placeholder_names`].
pub fn markers_in(text: &str) -> Vec<String> {
    markers()
        .filter(|(_, marker)| text.contains(marker.as_str()))
        .map(|(name, _)| name.to_owned())
        .collect()
}

/// Replaces the markers in `text` that `values` now has a value for, so a draft the user edited
/// while their name was unknown is signed once they give it.
pub fn fill_markers(text: &str, values: &Placeholders) -> String {
    let mut text = text.to_owned();
    for (name, marker) in markers() {
        if text.contains(&marker) {
            if let Some(value) = values.value(name) {
                text = text.replace(&marker, &value);
            }
        }
    }
    text
}

/// A template filled in: what is left to fill is in `missing`, by placeholder name, in the
/// order the message uses them, and marked in the text as e.g. `[first name]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
    pub missing: Vec<String>,
}

/// The template the app starts with for `kind`.
///
/// The request follows the method: it names the connection first, says the user is not looking
/// for a job, stays under 75 words with typical values and asks for 15–20 minutes as a question,
/// so that it passes the request checker as it stands.
pub fn default_template(kind: TemplateKind) -> Template {
    let (subject, body) = match kind {
        TemplateKind::Request => (
            "Could I ask your advice on {{field}}?",
            "Hi {{first_name}},

{{connection_sentence}}. I hope to move from {{background}} into {{field}}, the work you do at \
{{organisation}}. I'm not looking for a job, only for your advice: how did you get started, and \
what do you wish you had known? Would you have 15–20 minutes for a call or a coffee in the \
coming weeks?

Thank you,
{{my_name}}",
        ),
        TemplateKind::ThankYou => (
            "Thank you, {{first_name}}",
            "Hi {{first_name}},

Thank you for taking the time to talk with me about {{field}}. What you told me — “{{insight}}” \
— has stayed with me, and I am already putting it to use.

I will keep you posted on how it goes.

Best wishes,
{{my_name}}",
        ),
        TemplateKind::FollowUp => (
            "Following up on your advice",
            "Hi {{first_name}},

When we spoke about {{field}}, you gave me some tips, and I have followed up on them:

{{tips}}

Thank you again for pointing me in the right direction. I will keep you posted on my next \
steps.

Best wishes,
{{my_name}}",
        ),
    };
    Template {
        subject: subject.to_owned(),
        body: body.to_owned(),
    }
}

/// Refuses a template the user could not mean: a placeholder name that does not exist (most
/// often a typo, which would otherwise go out to a real person as `{{frist_name}}`), braces that
/// do not pair up, or a known name in single braces.
pub fn validate_template(template: &Template) -> Result<()> {
    validate_text("template_subject", &template.subject)?;
    validate_text("template_body", &template.body)
}

fn validate_text(field: &'static str, text: &str) -> Result<()> {
    let brace_advice = "write placeholders with two braces on each side, such as {{first_name}}.";
    for segment in parse(text) {
        match segment {
            Segment::Text(text) => {
                for (name, _) in PLACEHOLDERS {
                    let single = format!("{{{name}}}");
                    if text.contains(&single) {
                        return Err(Error::invalid(
                            field,
                            format!(
                                "\"{single}\" has one brace on each side: write {{{{{name}}}}}."
                            ),
                        ));
                    }
                }
            }
            Segment::Placeholder { raw, name } => {
                if !is_placeholder(name) {
                    let suggestion = closest_placeholder(name)
                        .map(|known| format!(" (did you mean {{{{{known}}}}}?)"))
                        .unwrap_or_default();
                    let known: Vec<String> = placeholder_names()
                        .map(|name| format!("{{{{{name}}}}}"))
                        .collect();
                    return Err(Error::invalid(
                        field,
                        format!(
                            "{raw} is not a placeholder{suggestion}; use one of: {}.",
                            known.join(", ")
                        ),
                    ));
                }
            }
            Segment::Malformed { raw } => {
                return Err(Error::invalid(
                    field,
                    format!("\"{raw}\" is not a placeholder: {brace_advice}"),
                ));
            }
            Segment::Unclosed { raw } => {
                return Err(Error::invalid(
                    field,
                    format!("\"{raw}\" opens a placeholder that is never closed: {brace_advice}"),
                ));
            }
            Segment::StrayClose { raw } => {
                return Err(Error::invalid(
                    field,
                    format!("\"{raw}\" closes a placeholder that was never opened: {brace_advice}"),
                ));
            }
        }
    }
    Ok(())
}

fn is_placeholder(name: &str) -> bool {
    placeholder_names().any(|known| known == name)
}

/// The known placeholder a mistyped `name` most likely meant: one or two letters off.
fn closest_placeholder(name: &str) -> Option<&'static str> {
    placeholder_names()
        .map(|known| (edit_distance(name, known), known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

/// Levenshtein distance, where swapping two neighbouring letters counts as one edit, since
/// "frist" for "first" is the typo people make.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Fills `template` with `values`.
///
/// A known placeholder without a value becomes a marker such as `[first name]` and is listed in
/// `missing`. Anything [`validate_template`] would refuse is left exactly as written, so the user
/// sees it in the draft. Values are inserted as they are and never read for placeholders
/// themselves, so a name that happens to contain braces cannot pull in other values.
pub fn render(template: &Template, values: &Placeholders) -> Rendered {
    let mut missing = Vec::new();
    let subject = render_text(&template.subject, values, &mut missing);
    let body = render_text(&template.body, values, &mut missing);
    Rendered {
        subject,
        body,
        missing,
    }
}

fn render_text(text: &str, values: &Placeholders, missing: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    for segment in parse(text) {
        match segment {
            Segment::Text(text) => out.push_str(text),
            Segment::Placeholder { raw, name } => {
                let label = PLACEHOLDERS.iter().find(|(known, _)| *known == name);
                match (values.value(name), label) {
                    (Some(value), _) => out.push_str(&value),
                    (None, Some((_, label))) => {
                        out.push('[');
                        out.push_str(label);
                        out.push(']');
                        if !missing.iter().any(|m| m == name) {
                            missing.push(name.to_owned());
                        }
                    }
                    (None, None) => out.push_str(raw),
                }
            }
            Segment::Malformed { raw }
            | Segment::Unclosed { raw }
            | Segment::StrayClose { raw } => out.push_str(raw),
        }
    }
    out
}

/// A piece of template text. Pieces laid end to end give back the text exactly.
#[derive(Debug, PartialEq, Eq)]
enum Segment<'a> {
    Text(&'a str),
    /// `{{name}}`, with spaces inside the braces allowed; `name` may be unknown.
    Placeholder {
        raw: &'a str,
        name: &'a str,
    },
    /// Braces around something that is no name, such as `{{first name}}` or `{{{x}}`.
    Malformed {
        raw: &'a str,
    },
    /// `{{` with no `}}` before the next `{{` or the end: `raw` is just the `{{`.
    Unclosed {
        raw: &'a str,
    },
    /// `}}` with no `{{` before it: `raw` is just the `}}`.
    StrayClose {
        raw: &'a str,
    },
}

fn parse(text: &str) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let open = rest.find("{{");
        let close = rest.find("}}");
        let closes_first = match (open, close) {
            (Some(open), Some(close)) => close < open,
            (None, close) => close.is_some(),
            (Some(_), None) => false,
        };
        match (open, close) {
            (None, None) => {
                segments.push(Segment::Text(rest));
                break;
            }
            (_, Some(close)) if closes_first => {
                push_text(&mut segments, &rest[..close]);
                segments.push(Segment::StrayClose {
                    raw: &rest[close..close + 2],
                });
                rest = &rest[close + 2..];
            }
            (Some(open), _) => {
                push_text(&mut segments, &rest[..open]);
                let inside = &rest[open + 2..];
                let end = inside.find("}}");
                let next_open = inside.find("{{");
                match end {
                    Some(end) if next_open.filter(|&next| next < end).is_none() => {
                        let raw = &rest[open..open + 2 + end + 2];
                        let name = inside[..end].trim();
                        let well_formed = !name.is_empty()
                            && name
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                        segments.push(if well_formed {
                            Segment::Placeholder { raw, name }
                        } else {
                            Segment::Malformed { raw }
                        });
                        rest = &rest[open + 2 + end + 2..];
                    }
                    _ => {
                        segments.push(Segment::Unclosed {
                            raw: &rest[open..open + 2],
                        });
                        rest = inside;
                    }
                }
            }
            (None, Some(_)) => unreachable!("a close with no open is handled above"),
        }
    }
    segments
}

fn push_text<'a>(segments: &mut Vec<Segment<'a>>, text: &'a str) {
    if !text.is_empty() {
        segments.push(Segment::Text(text));
    }
}

/// Bytes left as they are in a `mailto:` subject or body: RFC 3986's unreserved characters.
/// Everything else is percent-encoded, including `&`, `=`, `#`, `?`, `%` and `+`, which would
/// otherwise end or change a field, and the space, which some mail clients would take from `+`.
const TEXT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Bytes left as they are in a `mailto:` address: the unreserved characters, the `@` between
/// the local part and the domain, and the `,` between addresses (RFC 6068, section 2).
const ADDRESS: &AsciiSet = &TEXT.remove(b'@').remove(b',');

/// A `mailto:` URL (RFC 6068) that opens a draft to `to` with `subject` and `body` in the user's
/// mail client.
///
/// `to` may be empty (the user picks the address in the client), one address, several separated
/// by commas, or a display form such as `Dana Whitfield <dana@example.com>`, of which only the
/// address is kept because `mailto:` carries no display names. Every byte of the subject and
/// body outside the unreserved characters is percent-encoded as UTF-8, so a space is `%20`,
/// never `+`. Line breaks in the body become `%0D%0A`, as RFC 6068 requires; a subject is one
/// line, so a line break in it becomes a space. An empty subject or body is left out.
pub fn mailto_url(to: &str, subject: &str, body: &str) -> String {
    let addresses: Vec<String> = to
        .split(',')
        .map(address_of)
        .filter(|address| !address.is_empty())
        .map(|address| utf8_percent_encode(address, ADDRESS).to_string())
        .collect();
    let mut url = format!("mailto:{}", addresses.join(","));
    let subject = subject.replace("\r\n", " ").replace(['\r', '\n'], " ");
    let body = body
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n");
    let fields = [("subject", subject), ("body", body)];
    let mut separator = '?';
    for (name, value) in fields.iter().filter(|(_, value)| !value.is_empty()) {
        url.push(separator);
        url.push_str(name);
        url.push('=');
        url.extend(utf8_percent_encode(value, TEXT));
        separator = '&';
    }
    url
}

/// The bare address in `Name <address>` or in a trimmed address.
fn address_of(to: &str) -> &str {
    let to = to.trim();
    match (to.rfind('<'), to.rfind('>')) {
        (Some(open), Some(close)) if open < close => to[open + 1..close].trim(),
        _ => to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_give_back_the_text() {
        for text in [
            "",
            "plain",
            "Hi {{first_name}}, {{ name }}!",
            "{{a}}}}{{{{b}}",
            "{{unclosed {{first_name}}",
            "stray}} and {{x",
            "{{}}{{ }}{{First}}",
            "é{{é}}é",
        ] {
            let joined: String = parse(text)
                .iter()
                .map(|segment| match segment {
                    Segment::Text(raw)
                    | Segment::Placeholder { raw, .. }
                    | Segment::Malformed { raw }
                    | Segment::Unclosed { raw }
                    | Segment::StrayClose { raw } => *raw,
                })
                .collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn typos_are_one_or_two_edits_away() {
        assert_eq!(edit_distance("frist_name", "first_name"), 1);
        assert_eq!(edit_distance("organization", "organisation"), 1);
        assert_eq!(edit_distance("", "tips"), 4);
        assert_eq!(closest_placeholder("nmae"), Some("name"));
        assert_eq!(closest_placeholder("salary"), None);
    }

    #[test]
    fn first_names_come_from_full_names() {
        for (name, first) in [
            ("Dana Whitfield", Some("Dana")),
            ("  Dana  ", Some("Dana")),
            ("Dr. Dana Whitfield", Some("Dana")),
            ("Whitfield, Dana", Some("Dana")),
            ("Dr", Some("Dr")),
            ("Jürgen Müller", Some("Jürgen")),
            ("", None),
        ] {
            assert_eq!(first_name_of(name).as_deref(), first, "{name:?}");
        }
    }
}
