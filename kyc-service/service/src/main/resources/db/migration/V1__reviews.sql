-- Manual reviews and the event ids already handled. SQL that H2 and PostgreSQL both accept.
create table review (
    id                uuid primary key,
    event_id          varchar(100)  not null unique,
    application_id    uuid          not null,
    applicant_name    varchar(200)  not null,
    risk_level        varchar(10),
    risk_score        integer,
    status            varchar(20)   not null,
    factors           text          not null,
    reasons           text          not null,
    screening_matches text          not null,
    task_token        varchar(2048),
    requested_at      timestamp with time zone not null,
    received_at       timestamp with time zone not null,
    decided_by        varchar(100),
    decided_at        timestamp with time zone,
    decision_note     varchar(2000),
    version           bigint        not null default 0
);

create index review_status_requested on review (status, requested_at);
create index review_application on review (application_id);

create table processed_event (
    event_id     varchar(100) primary key,
    processed_at timestamp with time zone not null
);
