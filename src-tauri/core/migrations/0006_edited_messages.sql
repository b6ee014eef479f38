-- Coffee Chat schema, version 6: the messages as the user edited them. The request's message was
-- kept already; its subject, and the thank-you and follow-up notes, were drafted afresh from the
-- templates on every visit, so what the user changed in them was lost. An empty text means "not
-- edited": the draft is then filled from the template, as before.
ALTER TABLE interviews ADD COLUMN request_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN thank_you_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN thank_you_message TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN follow_up_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN follow_up_message TEXT NOT NULL DEFAULT '';
