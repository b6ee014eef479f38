-- Coffee Chat schema, version 8: find anything (Ctrl+K) says which interview a word came from.
-- One search document per interview (rowid = interviews.id): its notes, the answers heard to
-- its questions, and its insights. Triggers keep it in step with every write, whichever part of
-- the app makes it (and a restore's inserts), so no code path can forget it. Trashed interviews
-- stay indexed; the search leaves them out.
CREATE VIRTUAL TABLE interview_search USING fts5(
    notes, answers, insights,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2'
);

-- The document of the interview NEW.id / NEW.interview_id / OLD.…, rebuilt from the tables.
CREATE TRIGGER interview_search_insert AFTER INSERT ON interviews BEGIN
    DELETE FROM interview_search WHERE rowid = NEW.id;
    INSERT INTO interview_search (rowid, notes, answers, insights)
        SELECT i.id, concat_ws(' ', i.notes, i.place),
               COALESCE((SELECT group_concat(q.answer, ' ') FROM interview_questions q
                         WHERE q.interview_id = i.id AND q.answer <> ''), ''),
               concat_ws(' ', i.insights,
                         (SELECT group_concat(n.text, ' ') FROM insights n
                          WHERE n.interview_id = i.id))
        FROM interviews i WHERE i.id = NEW.id;
END;

CREATE TRIGGER interview_search_update AFTER UPDATE OF notes, place, insights ON interviews BEGIN
    DELETE FROM interview_search WHERE rowid = NEW.id;
    INSERT INTO interview_search (rowid, notes, answers, insights)
        SELECT i.id, concat_ws(' ', i.notes, i.place),
               COALESCE((SELECT group_concat(q.answer, ' ') FROM interview_questions q
                         WHERE q.interview_id = i.id AND q.answer <> ''), ''),
               concat_ws(' ', i.insights,
                         (SELECT group_concat(n.text, ' ') FROM insights n
                          WHERE n.interview_id = i.id))
        FROM interviews i WHERE i.id = NEW.id;
END;

CREATE TRIGGER interview_search_delete AFTER DELETE ON interviews BEGIN
    DELETE FROM interview_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER interview_search_answer_insert AFTER INSERT ON interview_questions BEGIN
    DELETE FROM interview_search WHERE rowid = NEW.interview_id;
    INSERT INTO interview_search (rowid, notes, answers, insights)
        SELECT i.id, concat_ws(' ', i.notes, i.place),
               COALESCE((SELECT group_concat(q.answer, ' ') FROM interview_questions q
                         WHERE q.interview_id = i.id AND q.answer <> ''), ''),
               concat_ws(' ', i.insights,
                         (SELECT group_concat(n.text, ' ') FROM insights n
                          WHERE n.interview_id = i.id))
        FROM interviews i WHERE i.id = NEW.interview_id;
END;

CREATE TRIGGER interview_search_answer_update AFTER UPDATE OF answer ON interview_questions BEGIN
    DELETE FROM interview_search WHERE rowid = NEW.interview_id;
    INSERT INTO interview_search (rowid, notes, answers, insights)
        SELECT i.id, concat_ws(' ', i.notes, i.place),
               COALESCE((SELECT group_concat(q.answer, ' ') FROM interview_questions q
                         WHERE q.interview_id = i.id AND q.answer <> ''), ''),
               concat_ws(' ', i.insights,
                         (SELECT group_concat(n.text, ' ') FROM insights n
                          WHERE n.interview_id = i.id))
        FROM interviews i WHERE i.id = NEW.interview_id;
END;

CREATE TRIGGER interview_search_answer_delete AFTER DELETE ON interview_questions BEGIN
    DELETE FROM interview_search WHERE rowid = OLD.interview_id;
    INSERT INTO interview_search (rowid, notes, answers, insights)
        SELECT i.id, concat_ws(' ', i.notes, i.place),
               COALESCE((SELECT group_concat(q.answer, ' ') FROM interview_questions q
                         WHERE q.interview_id = i.id AND q.answer <> ''), ''),
               concat_ws(' ', i.insights,
                         (SELECT group_concat(n.text, ' ') FROM insights n
                          WHERE n.interview_id = i.id))
        FROM interviews i WHERE i.id = OLD.interview_id;
END;

CREATE TRIGGER interview_search_insight_insert AFTER INSERT ON insights BEGIN
    DELETE FROM interview_search WHERE rowid = NEW.interview_id;
    INSERT INTO interview_search (rowid, notes, answers, insights)
        SELECT i.id, concat_ws(' ', i.notes, i.place),
               COALESCE((SELECT group_concat(q.answer, ' ') FROM interview_questions q
                         WHERE q.interview_id = i.id AND q.answer <> ''), ''),
               concat_ws(' ', i.insights,
                         (SELECT group_concat(n.text, ' ') FROM insights n
                          WHERE n.interview_id = i.id))
        FROM interviews i WHERE i.id = NEW.interview_id;
END;

CREATE TRIGGER interview_search_insight_delete AFTER DELETE ON insights BEGIN
    DELETE FROM interview_search WHERE rowid = OLD.interview_id;
    INSERT INTO interview_search (rowid, notes, answers, insights)
        SELECT i.id, concat_ws(' ', i.notes, i.place),
               COALESCE((SELECT group_concat(q.answer, ' ') FROM interview_questions q
                         WHERE q.interview_id = i.id AND q.answer <> ''), ''),
               concat_ws(' ', i.insights,
                         (SELECT group_concat(n.text, ' ') FROM insights n
                          WHERE n.interview_id = i.id))
        FROM interviews i WHERE i.id = OLD.interview_id;
END;

-- The interviews of files made before this version.
INSERT INTO interview_search (rowid, notes, answers, insights)
    SELECT i.id, concat_ws(' ', i.notes, i.place),
           COALESCE((SELECT group_concat(q.answer, ' ') FROM interview_questions q
                     WHERE q.interview_id = i.id AND q.answer <> ''), ''),
           concat_ws(' ', i.insights,
                     (SELECT group_concat(n.text, ' ') FROM insights n
                      WHERE n.interview_id = i.id))
    FROM interviews i;
