-- One document recorded once, one receipt per sender and task per period:
-- the lookups behind them. A document's identity is its number and symbol,
-- its sender's agency and its task (dondoc_store_submission_same_document);
-- receipts are counted per recipient (case-insensitive, as addresses are
-- compared) since a time (dondoc_store_outbox_count_recent).
CREATE INDEX submission_document ON submission(doc_symbol, doc_number);
CREATE INDEX outbox_recipient ON outbox(recipient COLLATE NOCASE, created_at);
