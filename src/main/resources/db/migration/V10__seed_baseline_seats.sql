-- Benchmark only: the seat table of the seed design, used when BOXOFFICE_INVENTORY_STRATEGY names one of its
-- locking options (seed-for-update, seed-optimistic, seed-set-nx) so that they can be measured against the live
-- inventory over the same HTTP API. Empty otherwise. Status codes are SeatStatus ordinals (0 available, 1 held,
-- 2 sold, 3 blocked); times are epoch milliseconds.
CREATE TABLE seed_seats (
    event_id       BIGINT NOT NULL,
    seat_index     INT NOT NULL,
    status         SMALLINT NOT NULL,
    hold_id        VARCHAR(64),
    user_id        VARCHAR(255),
    fence          BIGINT NOT NULL DEFAULT 0,
    held_at        BIGINT,
    expires_at     BIGINT,
    max_expires_at BIGINT,
    version        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, seat_index)
);
CREATE INDEX seed_seats_hold ON seed_seats (hold_id);
CREATE INDEX seed_seats_user ON seed_seats (event_id, user_id);
CREATE INDEX seed_seats_expiry ON seed_seats (status, expires_at);
