-- Coffee Chat schema, version 1.
-- Instants are UTC text ("YYYY-MM-DD HH:MM:SS+00:00", whole seconds) so that text order is time
-- order; calendar dates the user picks are local "YYYY-MM-DD". Rows with a deleted_at are in the
-- trash and are purged 30 days later.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    notes       TEXT NOT NULL DEFAULT '',
    motivation  INTEGER CHECK (motivation BETWEEN 0 AND 3),
    posting     INTEGER CHECK (posting BETWEEN 1 AND 3),
    created_at  TEXT NOT NULL
);

CREATE TABLE target_fields (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    why                 TEXT NOT NULL DEFAULT '',
    transferable_skills TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    title           TEXT NOT NULL DEFAULT '',
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    field_id        INTEGER REFERENCES target_fields(id) ON DELETE SET NULL,
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    linkedin_url    TEXT NOT NULL DEFAULT '',
    location        TEXT NOT NULL DEFAULT '',
    how_met         TEXT NOT NULL DEFAULT '',
    referred_by_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    tags            TEXT NOT NULL DEFAULT '',
    warm            INTEGER NOT NULL DEFAULT 0 CHECK (warm IN (0, 1)),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX people_by_name ON people(name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX people_by_organisation ON people(organisation_id);

CREATE TABLE interviews (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    field_id          INTEGER REFERENCES target_fields(id) ON DELETE SET NULL,
    stage             TEXT NOT NULL CHECK (stage IN (
                          'identified', 'connection_requested', 'connected', 'interview_requested',
                          'scheduled', 'done', 'thanked', 'followed_up',
                          'declined', 'no_response', 'cancelled')),
    request_date      TEXT,
    request_message   TEXT NOT NULL DEFAULT '',
    scheduled_at      TEXT,
    medium            TEXT NOT NULL DEFAULT '',
    place             TEXT NOT NULL DEFAULT '',
    planned_minutes   INTEGER NOT NULL DEFAULT 20 CHECK (planned_minutes BETWEEN 5 AND 240),
    actual_minutes    INTEGER CHECK (actual_minutes BETWEEN 1 AND 600),
    ended_at          TEXT,
    notes             TEXT NOT NULL DEFAULT '',
    insights          TEXT NOT NULL DEFAULT '',
    resume_asked      INTEGER CHECK (resume_asked IN (0, 1)),
    resume_version    TEXT NOT NULL DEFAULT '',
    card_captured     INTEGER NOT NULL DEFAULT 0 CHECK (card_captured IN (0, 1)),
    thank_you_sent_at TEXT,
    stage_changed_at  TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
);
CREATE INDEX interviews_by_person ON interviews(person_id);
CREATE INDEX interviews_by_schedule ON interviews(scheduled_at) WHERE deleted_at IS NULL;

-- Every stage an interview entered, and when: the timeline, and later the conversion charts.
CREATE TABLE interview_events (
    id           INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX interview_events_by_interview ON interview_events(interview_id, at);

-- The question bank. Questions are archived, never deleted, so old interviews keep their text.
CREATE TABLE questions (
    id          INTEGER PRIMARY KEY,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    category    TEXT NOT NULL DEFAULT 'own',
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    archived_at TEXT,
    created_at  TEXT NOT NULL
);

-- Questions prepared for one interview, in the user's order, with the answers heard.
CREATE TABLE interview_questions (
    id           INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    question_id  INTEGER REFERENCES questions(id) ON DELETE SET NULL,
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    position     INTEGER NOT NULL,
    asked        INTEGER NOT NULL DEFAULT 0 CHECK (asked IN (0, 1)),
    answer       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interview_questions_by_interview ON interview_questions(interview_id, position);

CREATE TABLE tips (
    id           INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    due_at       TEXT,
    done_at      TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX tips_by_interview ON tips(interview_id);

CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    person_id     INTEGER REFERENCES people(id) ON DELETE CASCADE,
    interview_id  INTEGER REFERENCES interviews(id) ON DELETE CASCADE,
    tip_id        INTEGER REFERENCES tips(id) ON DELETE CASCADE,
    due_at        TEXT NOT NULL,
    done_at       TEXT,
    snoozed_until TEXT,
    notified_at   TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX reminders_open_by_due ON reminders(due_at) WHERE done_at IS NULL;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One search document per person (rowid = people.id): who they are, where they work, and every
-- note about them, including their interviews' notes.
CREATE VIRTUAL TABLE person_search USING fts5(
    name, organisation, details, notes,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO questions (text, category, builtin, created_at) VALUES
    ('How did you get started in this field?', 'article', 1, '1970-01-01 00:00:00+00:00'),
    ('Which positions are in demand right now?', 'article', 1, '1970-01-01 00:00:00+00:00'),
    ('How could someone with my background get a foot in the door?', 'article', 1, '1970-01-01 00:00:00+00:00'),
    ('What trends are changing your field at the moment?', 'tiara_trends', 1, '1970-01-01 00:00:00+00:00'),
    ('What has surprised you most about working here?', 'tiara_insights', 1, '1970-01-01 00:00:00+00:00'),
    ('What would you do in my position to prepare for this field?', 'tiara_advice', 1, '1970-01-01 00:00:00+00:00'),
    ('Which people, books or groups should I look into next?', 'tiara_resources', 1, '1970-01-01 00:00:00+00:00'),
    ('Which projects or assignments would help me learn the most?', 'tiara_assignments', 1, '1970-01-01 00:00:00+00:00');
