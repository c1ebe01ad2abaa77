-- dondoc store for PostgreSQL, schema version 7: the lookups behind one
-- document recorded once and one receipt per sender and task per period
-- (as sql/007-receipt-limits.sql). Receipts are counted per recipient
-- without case, as addresses are compared: the index is on lower().
CREATE INDEX submission_document ON submission(doc_symbol, doc_number);
CREATE INDEX outbox_recipient ON outbox(lower(recipient), created_at);
