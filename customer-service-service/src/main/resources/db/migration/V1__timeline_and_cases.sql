-- Every event received, once per EventBridge event id (the idempotency key). The detail is kept
-- without document numbers or task tokens; events of an unknown type or version keep no detail.
CREATE TABLE timeline_entry (
    event_id       VARCHAR(128)  NOT NULL PRIMARY KEY,
    application_id VARCHAR(64),
    detail_type    VARCHAR(256)  NOT NULL,
    source         VARCHAR(256)  NOT NULL,
    event_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    schema_version INTEGER,
    known          BOOLEAN       NOT NULL,
    content_hash   VARCHAR(64),
    actor          VARCHAR(256),
    summary        VARCHAR(4000) NOT NULL,
    detail         VARCHAR(200000)
);

CREATE INDEX timeline_entry_application ON timeline_entry (application_id, event_time);

-- One row per application: what agents search; recomputed from the timeline on every event.
CREATE TABLE case_file (
    application_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    status         VARCHAR(32)  NOT NULL,
    applicant_name VARCHAR(512),
    search_name    VARCHAR(512),
    email          VARCHAR(320),
    submitted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX case_file_updated ON case_file (updated_at);
CREATE INDEX case_file_status ON case_file (status);
