-- dondoc store, schema version 14: the receipt limit's lookup by task.
--
-- "A receipt for this task went to this sender less than
-- dondoc_receipt_days ago" (dondoc_store_outbox_count_recent) ran inside
-- each delivery's write transaction over outbox_recipient (recipient,
-- created_at): every receipt to that sender in the period was read, one
-- table row each, whatever its task, so a sender's busy day made each
-- delivery slower (at 500 reports from one address, about a million
-- instructions each, under the write lock). outbox_recent leads with the
-- task: only that task's receipts to that sender are read. It replaces
-- outbox_recipient, which nothing else used: no more pages per receipt.
DROP INDEX outbox_recipient;
CREATE INDEX outbox_recent ON outbox(task_id, recipient COLLATE NOCASE,
	created_at);
