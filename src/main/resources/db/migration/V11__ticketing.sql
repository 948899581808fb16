-- Whether an event's tickets may also carry a static code (for print and mail) besides the rotating one.
ALTER TABLE events ADD COLUMN static_ticket_codes BOOLEAN DEFAULT TRUE NOT NULL;

-- A ticket is checked in once: the first scan inserts its row, every later one finds it.
CREATE TABLE checkins (
    ticket_id     VARCHAR(36) PRIMARY KEY,
    event_id      BIGINT NOT NULL,
    checked_in_at TIMESTAMP WITH TIME ZONE NOT NULL,
    scanner_id    VARCHAR(255) NOT NULL
);
CREATE INDEX checkins_event ON checkins (event_id);
