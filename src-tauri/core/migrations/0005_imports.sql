-- Coffee Chat schema, version 5: imports. Each import is one batch; the people it added carry
-- the batch and where they came from, so a whole import can be undone (to the trash) and
-- restored at once, and imported people can be told from those typed by hand.
CREATE TABLE import_batches (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL CHECK (source IN ('linkedin', 'vcard')),
    file_name  TEXT NOT NULL,
    added      INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    -- Set while the batch's people are in the trash because the user undid the import.
    undone_at  TEXT
);

-- '' for a person typed by hand, else the import source ('linkedin', 'vcard').
ALTER TABLE people ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL;
CREATE INDEX people_by_import ON people(import_batch_id) WHERE import_batch_id IS NOT NULL;
-- Duplicates are found by e-mail and LinkedIn address among thousands of people.
CREATE INDEX people_by_email ON people(lower(email)) WHERE email <> '';
CREATE INDEX people_by_linkedin ON people(linkedin_url) WHERE linkedin_url <> '';
