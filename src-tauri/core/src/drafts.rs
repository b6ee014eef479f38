//! The method's messages with real data: the user's templates and background, drafts filled
//! from a person and an interview (with the `mailto:` link that opens them in the mail client),
//! the request checker run on the real names, and recording that the request went out.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::error::{OptionalRow, Result};
use crate::interviews;
use crate::people;
use crate::reminder_sync;
use crate::reminders::ReminderKind;
use crate::request_checker::{self, RequestCheck};
use crate::stage::Stage;
use crate::store::{collect, Store};
use crate::templates::{self, Placeholders, Template, TemplateKind};
use crate::validate;

pub const SUBJECT_MAX: usize = 300;
pub const BODY_MAX: usize = 5_000;
pub const BACKGROUND_MAX: usize = 300;

/// A template as Settings shows it: the user's version, or the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredTemplate {
    pub kind: TemplateKind,
    pub subject: String,
    pub body: String,
    /// True while the user has not changed it, so the editor can hide "Reset to default".
    pub is_default: bool,
}

/// The user's own details that the templates sign with and talk about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub my_name: String,
    /// Where the user comes from, e.g. "eight years of teaching".
    pub background: String,
}

/// A message filled with real data, ready to copy or open as an e-mail draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub kind: TemplateKind,
    pub subject: String,
    pub body: String,
    /// Placeholders left without a value, shown in the text as e.g. `[first name]`.
    pub missing: Vec<String>,
    /// The person's e-mail address; empty if unknown (the mail client then asks).
    pub to: String,
    /// The `mailto:` URL that opens this draft in the user's mail client.
    pub mailto: String,
    /// For a request: the checker's verdict on the body.
    pub check: Option<RequestCheck>,
    /// The subject or the body is the user's edited text, not the template's.
    pub edited: bool,
    /// The marker each placeholder leaves when it has no value, so the editor can tell, as the
    /// user types, what the text still lacks.
    pub markers: Vec<Marker>,
    /// The draft lacks the user's own name or background and the user has not said "Not now":
    /// the page asks for them beside the draft.
    pub ask_about_you: bool,
}

/// A placeholder's name and the marker it leaves in a draft without a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub name: String,
    pub marker: String,
}

/// What the user changed in a draft; `None` leaves that part as it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MessageEdit {
    pub subject: Option<String>,
    pub body: Option<String>,
}

const PROFILE_NAME_KEY: &str = "profile.my_name";
const PROFILE_BACKGROUND_KEY: &str = "profile.background";
const PROFILE_SKIPPED_KEY: &str = "profile.prompt_skipped";

/// The columns that keep the user's edited subject and body of each message.
fn saved_columns(kind: TemplateKind) -> (&'static str, &'static str) {
    match kind {
        TemplateKind::Request => ("request_subject", "request_message"),
        TemplateKind::ThankYou => ("thank_you_subject", "thank_you_message"),
        TemplateKind::FollowUp => ("follow_up_subject", "follow_up_message"),
    }
}

impl Store {
    /// The three templates, in [`TemplateKind::ALL`] order.
    pub fn templates(&self) -> Result<Vec<StoredTemplate>> {
        self.read(|conn, _| {
            TemplateKind::ALL
                .into_iter()
                .map(|kind| stored_template(conn, kind))
                .collect()
        })
    }

    /// Saves the user's version of a template. Typos in placeholders, unpaired braces and an
    /// empty message are refused, because they would otherwise reach a real person.
    pub fn save_template(&mut self, kind: TemplateKind, template: &Template) -> Result<()> {
        let subject = validate::text(
            "template_subject",
            "The subject",
            &template.subject,
            SUBJECT_MAX,
        )?;
        let body = validate::required("template_body", "The message", &template.body, BODY_MAX)?;
        let template = Template { subject, body };
        templates::validate_template(&template)?;
        self.write(|tx, clock| {
            tx.execute(
                "INSERT INTO templates (kind, subject, body, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (kind) DO UPDATE SET subject = excluded.subject,
                     body = excluded.body, updated_at = excluded.updated_at",
                (kind, &template.subject, &template.body, clock.now()),
            )?;
            Ok(())
        })
    }

    /// Goes back to the built-in template.
    pub fn reset_template(&mut self, kind: TemplateKind) -> Result<()> {
        self.write(|tx, _| {
            tx.execute("DELETE FROM templates WHERE kind = ?1", [kind])?;
            Ok(())
        })
    }

    pub fn profile(&self) -> Result<Profile> {
        self.read(|conn, _| read_profile(conn))
    }

    pub fn update_profile(&mut self, profile: &Profile) -> Result<()> {
        let my_name = validate::text("my_name", "Your name", &profile.my_name, people::NAME_MAX)?;
        let background = validate::text(
            "background",
            "Your background",
            &profile.background,
            BACKGROUND_MAX,
        )?;
        self.write(|tx, _| {
            for (key, value) in [
                (PROFILE_NAME_KEY, &my_name),
                (PROFILE_BACKGROUND_KEY, &background),
            ] {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )?;
            }
            Ok(())
        })
    }

    /// Says "Not now" to the question a draft asks about the user's name and background.
    pub fn skip_about_you(&mut self) -> Result<()> {
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, '1')
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [PROFILE_SKIPPED_KEY],
            )?;
            Ok(())
        })
    }

    /// The message of `kind` for an interview: the text the user edited and saved, or else the
    /// template filled from the person, the interview and the user's profile. In an edited text,
    /// markers such as `[your name]` that now have a value are filled in.
    pub fn draft(&self, interview_id: i64, kind: TemplateKind) -> Result<Draft> {
        self.read(|conn, _| draft_of(conn, interview_id, kind, true))
    }

    /// The message of `kind` for an interview as the template writes it, ignoring what the user
    /// edited: Settings previews a template with it.
    pub fn template_draft(&self, interview_id: i64, kind: TemplateKind) -> Result<Draft> {
        self.read(|conn, _| draft_of(conn, interview_id, kind, false))
    }

    /// The markers (such as "[your name]") still in the message that finishing reminder `id`
    /// marks sent: the interview's thank-you note for a thank-you reminder, its follow-up note
    /// for a follow-up one. Empty for a reminder that sends nothing, or a message without gaps.
    /// Today and the notifications ask before marking such a message sent.
    pub fn gaps_in_message_of(&self, reminder_id: i64) -> Result<Vec<String>> {
        self.read(|conn, _| {
            let (kind, interview): (ReminderKind, Option<i64>) = conn
                .query_row(
                    "SELECT kind, interview_id FROM reminders WHERE id = ?1",
                    [reminder_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .or_not_found("reminder")?;
            let message = match kind {
                ReminderKind::ThankYou | ReminderKind::ThankYouFinal => TemplateKind::ThankYou,
                ReminderKind::FollowUpNote => TemplateKind::FollowUp,
                _ => return Ok(Vec::new()),
            };
            let Some(interview) = interview else {
                return Ok(Vec::new());
            };
            let draft = draft_of(conn, interview, message, true)?;
            Ok(draft
                .markers
                .into_iter()
                .filter(|marker| draft.missing.contains(&marker.name))
                .map(|marker| marker.marker)
                .collect())
        })
    }

    /// Saves what the user changed in a message of an interview, so the page shows it again,
    /// the mail app gets it, and a new visit does not draft it afresh from the template. An
    /// empty text goes back to the template's.
    pub fn save_message(
        &mut self,
        interview_id: i64,
        kind: TemplateKind,
        edit: &MessageEdit,
    ) -> Result<()> {
        let (subject_column, body_column) = saved_columns(kind);
        let subject = edit
            .subject
            .as_deref()
            .map(|subject| validate::text(subject_column, "The subject", subject, SUBJECT_MAX))
            .transpose()?;
        let body = edit
            .body
            .as_deref()
            .map(|body| validate::text(body_column, "The message", body, BODY_MAX))
            .transpose()?;
        self.write(|tx, clock| {
            interviews::live(tx, interview_id)?;
            for (column, value) in [(subject_column, &subject), (body_column, &body)] {
                if let Some(value) = value {
                    tx.execute(
                        &format!(
                            "UPDATE interviews SET {column} = ?2, updated_at = ?3 WHERE id = ?1"
                        ),
                        (interview_id, value, clock.now()),
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Checks a request as the user edits it, with the reader's first name and the connection
    /// taken from the data, so the editor can say which rules it keeps on every keystroke.
    pub fn check_request_text(&self, interview_id: i64, text: &str) -> Result<RequestCheck> {
        self.read(|conn, _| Ok(Facts::read(conn, interview_id)?.check(text)))
    }

    /// Records that the request went out today with `message`, and moves the interview to
    /// *interview requested* if it was not that far yet (or had been closed), which starts the
    /// 3B7 no-response reminders.
    pub fn record_request_sent(&mut self, interview_id: i64, message: &str) -> Result<()> {
        let message =
            validate::required("request_message", "The request message", message, BODY_MAX)?;
        self.write(|tx, clock| {
            let (_, stage) = interviews::live(tx, interview_id)?;
            tx.execute(
                "UPDATE interviews SET request_message = ?2, request_date = ?3, updated_at = ?4
                 WHERE id = ?1",
                (interview_id, &message, clock.today(), clock.now()),
            )?;
            move_to_requested(tx, clock, interview_id, stage)?;
            reminder_sync::sync_interview(tx, clock, interview_id)
        })
    }
}

/// The message of `kind` for an interview: with `use_saved`, the text the user edited if any.
fn draft_of(
    conn: &Connection,
    interview_id: i64,
    kind: TemplateKind,
    use_saved: bool,
) -> Result<Draft> {
    let facts = Facts::read(conn, interview_id)?;
    let template = stored_template(conn, kind)?;
    let rendered = templates::render(
        &Template {
            subject: template.subject,
            body: template.body,
        },
        &facts.values,
    );
    let (subject_column, body_column) = saved_columns(kind);
    let (saved_subject, saved_body): (String, String) = conn.query_row(
        &format!("SELECT {subject_column}, {body_column} FROM interviews WHERE id = ?1"),
        [interview_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let edited = |saved: String, rendered: String| match saved.trim() {
        saved if use_saved && !saved.is_empty() => {
            (templates::fill_markers(saved, &facts.values), true)
        }
        _ => (rendered, false),
    };
    let (subject, subject_edited) = edited(saved_subject, rendered.subject);
    let (body, body_edited) = edited(saved_body, rendered.body);
    let edited = subject_edited || body_edited;
    let missing = if edited {
        templates::markers_in(&format!("{subject}\n{body}"))
    } else {
        rendered.missing
    };
    let ask_about_you = !about_you_skipped(conn)?
        && missing
            .iter()
            .any(|name| name == "my_name" || name == "background");
    let check = (kind == TemplateKind::Request).then(|| facts.check(&body));
    Ok(Draft {
        kind,
        mailto: templates::mailto_url(&facts.email, &subject, &body),
        subject,
        body,
        missing,
        to: facts.email,
        check,
        edited,
        markers: templates::markers()
            .map(|(name, marker)| Marker {
                name: name.to_owned(),
                marker,
            })
            .collect(),
        ask_about_you,
    })
}

/// Puts an interview at *interview requested* unless it is there or further already. A closed
/// one (declined, no response, cancelled) re-enters the pipeline there: asking again is a new
/// request.
fn move_to_requested(
    conn: &Connection,
    clock: &dyn Clock,
    interview_id: i64,
    stage: Stage,
) -> Result<()> {
    if Stage::CLOSED.contains(&stage) {
        interviews::enter_stage(conn, clock, interview_id, Stage::InterviewRequested)
    } else {
        interviews::advance_to(conn, clock, interview_id, Stage::InterviewRequested)
    }
}

/// What the placeholders and the checker need to know about one interview.
struct Facts {
    values: Placeholders,
    email: String,
}

impl Facts {
    fn read(conn: &Connection, interview_id: i64) -> Result<Facts> {
        interviews::live(conn, interview_id)?;
        let (name, title, organisation, field, email, referrer, how_met, chosen) = conn
            .query_row(
                "SELECT p.name, p.title, COALESCE(o.name, ''), COALESCE(f.name, pf.name, ''),
                        p.email, COALESCE(r.name, ''), p.how_met, i.insight_to_mention
                 FROM interviews i
                 JOIN people p ON p.id = i.person_id
                 LEFT JOIN organisations o ON o.id = p.organisation_id
                 LEFT JOIN target_fields f ON f.id = i.field_id
                 LEFT JOIN target_fields pf ON pf.id = p.field_id
                 LEFT JOIN people r ON r.id = p.referred_by_id AND r.deleted_at IS NULL
                 WHERE i.id = ?1",
                [interview_id],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, String>(4)?,
                        row.get::<_, String>(5)?,
                        row.get::<_, String>(6)?,
                        row.get::<_, String>(7)?,
                    ))
                },
            )
            .or_not_found("interview")?;
        let first_insight: Option<String> = conn
            .query_row(
                "SELECT text FROM insights WHERE interview_id = ?1 ORDER BY id LIMIT 1",
                [interview_id],
                |row| row.get(0),
            )
            .optional()?;
        let insight = Some(chosen)
            .filter(|c| !c.trim().is_empty())
            .or(first_insight);
        let tips: Vec<String> = collect(
            conn,
            "SELECT text FROM tips WHERE interview_id = ?1 ORDER BY id",
            [interview_id],
            |row| row.get(0),
        )?;
        let tips = (!tips.is_empty()).then(|| {
            tips.iter()
                .map(|tip| format!("- {tip}"))
                .collect::<Vec<_>>()
                .join("\n")
        });
        let profile = read_profile(conn)?;
        // The person who suggested the contact is the connection; else what the user wrote.
        let referrer = referrer.trim();
        let (connection, connection_sentence) = if referrer.is_empty() {
            (how_met, None)
        } else {
            (
                referrer.to_owned(),
                Some(format!("{referrer} suggested I contact you")),
            )
        };
        Ok(Facts {
            values: Placeholders {
                first_name: None,
                name: Some(name),
                title: Some(title),
                organisation: Some(organisation),
                field: Some(field),
                background: Some(profile.background),
                connection: Some(connection),
                connection_sentence,
                insight,
                tips,
                my_name: Some(profile.my_name),
            },
            email,
        })
    }

    fn check(&self, text: &str) -> RequestCheck {
        request_checker::check_request(
            text,
            self.values.value("first_name").as_deref(),
            self.values.value("connection").as_deref(),
        )
    }
}

fn stored_template(conn: &Connection, kind: TemplateKind) -> Result<StoredTemplate> {
    let saved: Option<(String, String)> = conn
        .query_row(
            "SELECT subject, body FROM templates WHERE kind = ?1",
            [kind],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok(match saved {
        Some((subject, body)) => StoredTemplate {
            kind,
            subject,
            body,
            is_default: false,
        },
        None => {
            let Template { subject, body } = templates::default_template(kind);
            StoredTemplate {
                kind,
                subject,
                body,
                is_default: true,
            }
        }
    })
}

/// Whether the user said "Not now" when a draft asked for their name and background: drafts then
/// do not ask again (Settings still has both).
fn about_you_skipped(conn: &Connection) -> Result<bool> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [PROFILE_SKIPPED_KEY],
            |row| row.get(0),
        )
        .optional()?;
    Ok(value.as_deref() == Some("1"))
}

fn read_profile(conn: &Connection) -> Result<Profile> {
    let value = |key: &str| -> Result<String> {
        Ok(conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?
            .unwrap_or_default())
    };
    Ok(Profile {
        my_name: value(PROFILE_NAME_KEY)?,
        background: value(PROFILE_BACKGROUND_KEY)?,
    })
}
