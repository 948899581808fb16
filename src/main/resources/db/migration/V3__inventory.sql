-- Holds are kept in memory (or Redis) for speed and here for durability: recovery rebuilds from these rows.
CREATE TABLE holds (
    id             VARCHAR(36) PRIMARY KEY,
    event_id       BIGINT NOT NULL,
    user_id        VARCHAR(255) NOT NULL,
    fence          BIGINT NOT NULL,
    status         VARCHAR(16) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    max_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- fencing tokens grow per event (one counter per event keeps Redis Cluster scripts on one shard)
    CONSTRAINT holds_fence_unique UNIQUE (event_id, fence)
);
CREATE INDEX holds_event_status ON holds (event_id, status);

CREATE TABLE hold_seats (
    hold_id     VARCHAR(36) NOT NULL REFERENCES holds (id),
    event_id    BIGINT NOT NULL,
    seat_id     BIGINT NOT NULL,
    PRIMARY KEY (hold_id, seat_id)
);
CREATE INDEX hold_seats_event_seat ON hold_seats (event_id, seat_id);

-- The newest fencing token granted per seat: a confirmation with an older token is stale.
CREATE TABLE seat_fences (
    event_id BIGINT NOT NULL,
    seat_id  BIGINT NOT NULL,
    fence    BIGINT NOT NULL,
    PRIMARY KEY (event_id, seat_id)
);

CREATE TABLE blocked_seats (
    event_id BIGINT NOT NULL,
    seat_id  BIGINT NOT NULL,
    PRIMARY KEY (event_id, seat_id)
);
