-- Coffee Chat schema, version 3: the interview itself. The user's edited message templates, the
-- preparation checklist, the live-mode timer, and the insights tagged afterwards.

-- Templates the user edited. A kind without a row uses the built-in default, so improving a
-- default in a later version reaches everyone who never changed it.
CREATE TABLE templates (
    kind       TEXT PRIMARY KEY CHECK (kind IN ('request', 'thank_you', 'follow_up')),
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- The preparation checklist: the resume is ready (to bring, not to offer), the clothes are
-- chosen, and the line that says again, at the start, that the user is not looking for a job.
ALTER TABLE interviews ADD COLUMN prep_resume_ready INTEGER NOT NULL DEFAULT 0
    CHECK (prep_resume_ready IN (0, 1));
ALTER TABLE interviews ADD COLUMN prep_dress INTEGER NOT NULL DEFAULT 0
    CHECK (prep_dress IN (0, 1));
ALTER TABLE interviews ADD COLUMN prep_opening_line TEXT NOT NULL DEFAULT
    'Thank you for your time. Just to say again: I''m not looking for a job, I''d love to learn how you got where you are.';
-- The insight the user chose to mention in the thank-you note ('' for none chosen).
ALTER TABLE interviews ADD COLUMN insight_to_mention TEXT NOT NULL DEFAULT '';

-- Live mode's timer. A run is going while live_started_at is set and live_paused_at is not;
-- live_elapsed_seconds holds what the runs before the current one added up to. The timer is
-- kept as instants, not ticks, so it survives the app being closed or killed mid-interview.
ALTER TABLE interviews ADD COLUMN live_started_at TEXT;
ALTER TABLE interviews ADD COLUMN live_paused_at TEXT;
ALTER TABLE interviews ADD COLUMN live_elapsed_seconds INTEGER NOT NULL DEFAULT 0
    CHECK (live_elapsed_seconds >= 0);
-- When the "offer them an out" cue was shown, so that it is shown once.
ALTER TABLE interviews ADD COLUMN cue_shown_at TEXT;

-- What an interview taught, tagged so the insights board of a field can gather it.
CREATE TABLE insights (
    id           INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    category     TEXT NOT NULL CHECK (category IN (
                     'qualification', 'position_in_demand', 'advice', 'person_to_meet')),
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at   TEXT NOT NULL
);
CREATE INDEX insights_by_interview ON insights(interview_id, id);
