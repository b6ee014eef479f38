-- Coffee Chat schema, version 2: what the reminder rules read, and the indexes the scheduler
-- needs to find the next reminder quickly among many.

-- The day a requested person replied (3B7: the nudges stop, and boosters are told apart).
ALTER TABLE interviews ADD COLUMN reply_date TEXT;

-- Contacts the user logged with a person besides interviews ("had coffee", "sent an article"):
-- each one moves the keep-in-touch reminder.
CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_by_person ON contacts(person_id, at);

-- Reminders the scheduler has still to show, by the instant they are due (a snooze replaces it).
CREATE INDEX reminders_to_notify ON reminders(COALESCE(snoozed_until, due_at))
    WHERE done_at IS NULL AND notified_at IS NULL;
CREATE INDEX reminders_by_interview ON reminders(interview_id);
CREATE INDEX reminders_by_person ON reminders(person_id);
CREATE INDEX reminders_by_tip ON reminders(tip_id);
