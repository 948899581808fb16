-- Spring Modulith's event publication registry (its v2 schema, in types both H2 and PostgreSQL take): an event
-- published inside a transaction is stored with it, and stays incomplete until its listener has run; the mails'
-- transactional outbox.
CREATE TABLE event_publication (
    id                     UUID NOT NULL PRIMARY KEY,
    listener_id            VARCHAR(512) NOT NULL,
    event_type             VARCHAR(512) NOT NULL,
    serialized_event       VARCHAR(4000) NOT NULL,
    publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP WITH TIME ZONE,
    status                 VARCHAR(20),
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_publication_by_completion_date ON event_publication (completion_date);
CREATE INDEX event_publication_by_listener ON event_publication (listener_id);

-- Each mail is sent once: its key (what and for which order) is taken in the sending transaction.
CREATE TABLE sent_mails (
    mail_key VARCHAR(100) PRIMARY KEY,
    sent_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
