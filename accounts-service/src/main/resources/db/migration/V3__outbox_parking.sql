-- An entry the bus refused max-attempts times is parked: the relay leaves it (and no longer holds the
-- application's later entries behind it) until staff retry it.
ALTER TABLE outbox ADD COLUMN parked_at TIMESTAMP WITH TIME ZONE;
