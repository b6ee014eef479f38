//! vCard files (.vcf) from phones, address books and card-scanning apps, in versions 2.1, 3.0 and
//! 4.0. The `calcard` crate reads each card: folded lines, escapes, parameters, groups
//! (`item1.URL`), and 2.1's quoted-printable values in their charsets. This module finds where
//! each card starts and turns a card into a [`Candidate`], or a [`Rejected`] saying why not.

use std::borrow::Cow;

use calcard::vcard::{
    VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue,
};
use calcard::{Entry, Parser};

use super::{text, Candidate, Parsed, Rejected, Source};
use crate::error::{Error, Result};

/// Reads a vCard file: every card with a name becomes a candidate, any other card is rejected
/// with its line. A file without a single usable card is refused.
pub fn parse(bytes: &[u8]) -> Result<Parsed> {
    let decoded = text::decode(bytes, "This vCard file")?;
    let cards = split_cards(&decoded.text);
    if cards.is_empty() {
        return Err(Error::BadFile(
            "This file holds no contact card: a vCard file has cards that start with a line \
             BEGIN:VCARD. Choose the .vcf file your phone or address book exported."
                .to_owned(),
        ));
    }
    let mut parsed = Parsed {
        source: Source::Vcard,
        candidates: Vec::new(),
        rejected: Vec::new(),
        notices: decoded.notice.into_iter().collect(),
    };
    for card in &cards {
        match read_card(card) {
            Ok(candidate) => parsed.candidates.push(candidate),
            Err(rejected) => parsed.rejected.push(rejected),
        }
    }
    if parsed.candidates.is_empty() {
        return Err(nothing_usable(&parsed.rejected));
    }
    Ok(parsed)
}

/// The message for a file whose every card was rejected: what a card needs, and what was wrong
/// with the first one.
fn nothing_usable(rejected: &[Rejected]) -> Error {
    let none = match rejected.len() {
        1 => "The card in this file cannot be imported".to_owned(),
        count => format!("None of the {count} cards in this file can be imported"),
    };
    let first = rejected
        .first()
        .map(|r| format!(" The card on line {}: {}", r.line, r.reason))
        .unwrap_or_default();
    Error::BadFile(format!(
        "{none}: each card needs a name (FN or N) and must end with END:VCARD.{first}"
    ))
}

/// One card's text, cut from the file at its BEGIN:VCARD line.
struct CardText<'a> {
    /// The line of the file that holds BEGIN:VCARD (1-based).
    line: usize,
    text: &'a str,
    /// Whether an END:VCARD line closes the card before the next card or the end of the file.
    ended: bool,
}

/// Cuts the text at every BEGIN:VCARD line.
///
/// calcard can walk the cards of a whole file itself, but it says neither where a card starts
/// nor whether it ended (outside its strict mode, which drops a whole card for one stray line),
/// and a card cut off in the middle of a file makes it swallow the next card's BEGIN line, losing
/// that card too. Cutting the file first gives each card its line and keeps one broken card from
/// spoiling the next. A folded line starts with a space, so a BEGIN line is never a fold.
fn split_cards(text: &str) -> Vec<CardText<'_>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if is_line(line, "BEGIN:VCARD") {
            starts.push((index + 1, offset));
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).map(|&(_, start)| start);
    let ends = ends.chain(std::iter::once(text.len()));
    starts
        .iter()
        .zip(ends)
        .map(|(&(line, start), end)| {
            let text = text.get(start..end).unwrap_or_default();
            let ended = text.lines().any(|line| is_line(line, "END:VCARD"));
            CardText { line, text, ended }
        })
        .collect()
}

/// Whether `line` is exactly `marker`, in any case, line end and trailing blanks aside.
fn is_line(line: &str, marker: &str) -> bool {
    line.trim_end().eq_ignore_ascii_case(marker)
}

/// Turns one card into a candidate, or says why it cannot be one.
fn read_card(card: &CardText<'_>) -> std::result::Result<Candidate, Rejected> {
    let reject = |reason: &str| Rejected {
        line: card.line,
        reason: reason.to_owned(),
    };
    if !card.ended {
        return Err(reject(
            "This card is cut off: the file ends, or the next card begins, before its END:VCARD \
             line. Export the contacts again and choose the new file.",
        ));
    }
    let text = spell_out_quoted_printable(card.text);
    // calcard answers a card for any text that starts with BEGIN:VCARD; should it ever answer
    // something else, the card is refused rather than guessed at.
    let Entry::VCard(vcard) = Parser::new(&text).entry() else {
        return Err(reject(
            "This card could not be read as a vCard. Export the contacts again and choose the \
             new file.",
        ));
    };
    let name = name(&vcard);
    if name.is_empty() {
        return Err(reject(
            "This card has no name (FN or N). Give the contact a name in your address book, then \
             export again.",
        ));
    }
    Ok(candidate(card.line, name, &vcard))
}

/// Writes 2.1's bare `;QUOTED-PRINTABLE` parameter as `;ENCODING=QUOTED-PRINTABLE`.
///
/// vCard 2.1 lets a parameter be given by its value alone, and calcard understands that for
/// types (`TEL;CELL;PREF`) and `BASE64`, but not for `QUOTED-PRINTABLE`: it would neither decode
/// such a value nor join its soft line breaks, leaving `=C3=BC` in a name.
fn spell_out_quoted_printable(card: &str) -> Cow<'_, str> {
    if !card.to_ascii_uppercase().contains(";QUOTED-PRINTABLE") {
        return Cow::Borrowed(card);
    }
    let mut spelled = String::with_capacity(card.len() + 64);
    for line in card.split_inclusive('\n') {
        match line.split_once(':') {
            // A folded line (starting with a blank) continues a value; it has no parameters.
            Some((head, value)) if !line.starts_with([' ', '\t']) => {
                let params = head.split(';').map(|param| {
                    if param.eq_ignore_ascii_case("QUOTED-PRINTABLE") {
                        "ENCODING=QUOTED-PRINTABLE"
                    } else {
                        param
                    }
                });
                spelled.push_str(&params.collect::<Vec<_>>().join(";"));
                spelled.push(':');
                spelled.push_str(value);
            }
            _ => spelled.push_str(line),
        }
    }
    Cow::Owned(spelled)
}

/// Maps a card that has a name onto a candidate.
fn candidate(line: usize, name: String, vcard: &VCard) -> Candidate {
    let (linkedin_url, other_addresses) = web_addresses(vcard);
    let mut notes: Vec<String> = texts(vcard, &VCardProperty::Note).collect();
    notes.extend(other_addresses);
    Candidate {
        line,
        name,
        title: texts(vcard, &VCardProperty::Title)
            .next()
            .unwrap_or_default(),
        organisation: first_of(vcard, &VCardProperty::Org, |org| component(org, 0, " ")),
        email: preferred(vcard, &VCardProperty::Email, first_text),
        phone: preferred(vcard, &VCardProperty::Tel, |tel| {
            phone_number(&first_text(tel))
        }),
        linkedin_url,
        location: preferred(vcard, &VCardProperty::Adr, place),
        notes: notes.join("\n"),
        ..Candidate::default()
    }
}

/// The formatted name (FN); else the given and family names from N; else nothing.
fn name(vcard: &VCard) -> String {
    if let Some(full) = texts(vcard, &VCardProperty::Fn).next() {
        return full;
    }
    first_of(vcard, &VCardProperty::N, |n| {
        let family = component(n, 0, " ");
        let given = component(n, 1, " ");
        join_filled([given, family], " ")
    })
}

/// Where the person lives or works, from an address: town, region and country.
fn place(adr: &VCardEntry) -> String {
    join_filled([3, 4, 6].map(|index| component(adr, index, ", ")), ", ")
}

/// A phone number as dialled: 4.0's `tel:` URIs lose the scheme and their parameters (`;ext=`).
fn phone_number(value: &str) -> String {
    let number = match value.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => value.get(4..).unwrap_or_default(),
        _ => value,
    };
    let number = number.split(';').next().unwrap_or_default();
    number.trim().to_owned()
}

/// The card's LinkedIn address (the first that names linkedin.com) and its other web addresses
/// (websites and other social profiles), in the order the card lists them, without repeats.
fn web_addresses(vcard: &VCard) -> (String, Vec<String>) {
    let mut linkedin = String::new();
    let mut others: Vec<String> = Vec::new();
    for entry in vcard.entries.iter().filter(|entry| is_web_address(entry)) {
        let address = first_text(entry);
        let is_linkedin = address.to_ascii_lowercase().contains("linkedin.com");
        if is_linkedin && linkedin.is_empty() {
            linkedin = address;
        } else if !address.is_empty() && address != linkedin && !others.contains(&address) {
            others.push(address);
        }
    }
    (linkedin, others)
}

/// URL, and social profiles (4.0's SOCIALPROFILE, Apple's X-SOCIALPROFILE) that are web links:
/// Apple also writes profiles as `x-apple:username`, which opens nothing.
fn is_web_address(entry: &VCardEntry) -> bool {
    let social = match &entry.name {
        VCardProperty::Url => return true,
        VCardProperty::Socialprofile => true,
        VCardProperty::Other(name) => name.eq_ignore_ascii_case("X-SOCIALPROFILE"),
        _ => false,
    };
    let address = first_text(entry).to_ascii_lowercase();
    social
        && ["http://", "https://", "www."]
            .iter()
            .any(|start| address.starts_with(start))
}

/// The value of `property` the card prefers (the most preferred, else the first) among those
/// `read` finds something in.
fn preferred(
    vcard: &VCard,
    property: &VCardProperty,
    read: impl Fn(&VCardEntry) -> String,
) -> String {
    vcard
        .properties(property)
        .map(|entry| (preference(entry), read(entry)))
        .filter(|(_, value)| !value.is_empty())
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, value)| value)
        .unwrap_or_default()
}

/// How strongly a card prefers a value, 1 being the most: 2.1 writes a bare `PREF`, 3.0
/// `TYPE=pref` and 4.0 `PREF=1` (up to 100). A value that says nothing comes after all of them.
fn preference(entry: &VCardEntry) -> u32 {
    let says_pref = |value: &VCardParameterValue| {
        value
            .as_text()
            .is_some_and(|text| text.eq_ignore_ascii_case("pref"))
    };
    entry
        .params
        .iter()
        .filter_map(|param| match (&param.name, &param.value) {
            (VCardParameterName::Pref, VCardParameterValue::Integer(rank)) => Some(*rank),
            (VCardParameterName::Pref, _) => Some(1),
            (VCardParameterName::Type, value) if says_pref(value) => Some(1),
            _ => None,
        })
        .min()
        .unwrap_or(u32::MAX)
}

/// The first value `read` finds in the entries of `property`.
fn first_of(
    vcard: &VCard,
    property: &VCardProperty,
    read: impl Fn(&VCardEntry) -> String,
) -> String {
    vcard
        .properties(property)
        .map(read)
        .find(|value| !value.is_empty())
        .unwrap_or_default()
}

/// The non-empty values of every entry of `property`, in order.
fn texts<'a>(vcard: &'a VCard, property: &'a VCardProperty) -> impl Iterator<Item = String> + 'a {
    vcard
        .properties(property)
        .map(first_text)
        .filter(|value| !value.is_empty())
}

/// An entry's (first) value as trimmed text.
fn first_text(entry: &VCardEntry) -> String {
    component(entry, 0, ", ")
}

/// Component `index` of a structured value (N, ORG, ADR), trimmed; calcard gives a component
/// that lists several values (`Henry,James`) as one list, joined here with `separator`.
fn component(entry: &VCardEntry, index: usize, separator: &str) -> String {
    match entry.values.get(index) {
        // Quoted-printable line breaks arrive as `=0D=0A`; the app writes plain `\n`.
        Some(VCardValue::Text(text)) => text.trim().replace("\r\n", "\n"),
        Some(VCardValue::Component(parts)) => {
            join_filled(parts.iter().map(|p| p.trim()), separator)
        }
        _ => String::new(),
    }
}

/// The non-empty parts, joined with `separator`.
fn join_filled<S: AsRef<str>>(parts: impl IntoIterator<Item = S>, separator: &str) -> String {
    let mut joined = String::new();
    for part in parts.into_iter().filter(|part| !part.as_ref().is_empty()) {
        if !joined.is_empty() {
            joined.push_str(separator);
        }
        joined.push_str(part.as_ref());
    }
    joined
}
