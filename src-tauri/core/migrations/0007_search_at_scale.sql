-- Coffee Chat schema, version 7: the People list and its search stay fast at tens of thousands of
-- people (measured: 0.6–1.3 s for the list or a one-letter search at 50,000 people without these).

-- The latest interview of a person, which the list shows as their stage, read from an index
-- instead of sorting their interviews for every row.
CREATE INDEX interviews_latest_by_person ON interviews(person_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

-- Scheduled interviews by date, for Today: the index by date alone also holds every interview
-- that took place, and those without a date.
CREATE INDEX interviews_scheduled ON interviews(scheduled_at)
    WHERE deleted_at IS NULL AND stage = 'scheduled';

-- Each Pipeline column's most recently moved interviews, and how many each stage holds.
CREATE INDEX interviews_by_stage ON interviews(stage, stage_changed_at DESC, id DESC, person_id)
    WHERE deleted_at IS NULL;

-- The few people in the trash, so a search can leave them out without looking up every match.
CREATE INDEX people_trashed ON people(id) WHERE deleted_at IS NOT NULL;

-- The search index again, now also indexing every one- and two-letter prefix: typing "d" or "da"
-- reads one list instead of merging the lists of every word that begins so. The documents are
-- copied as they are.
CREATE VIRTUAL TABLE person_search_new USING fts5(
    name, organisation, details, notes,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2'
);
INSERT INTO person_search_new (rowid, name, organisation, details, notes)
    SELECT rowid, name, organisation, details, notes FROM person_search;
DROP TABLE person_search;
ALTER TABLE person_search_new RENAME TO person_search;
