-- The relay reads only each application's oldest unsent entry: an index to find an earlier one fast.
CREATE INDEX ix_outbox_application_unsent ON outbox (application_id, sent_at, id);
