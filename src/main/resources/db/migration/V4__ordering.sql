CREATE TABLE orders (
    id             VARCHAR(36) PRIMARY KEY,
    user_id        VARCHAR(255) NOT NULL,
    event_id       BIGINT NOT NULL,
    hold_id        VARCHAR(36) NOT NULL,
    -- the hold while the order may still use it; NULL once the order failed, so a hold has one live order at most
    active_hold_id VARCHAR(36) UNIQUE,
    fence          BIGINT NOT NULL,
    status         VARCHAR(20) NOT NULL,
    total          NUMERIC(12, 2) NOT NULL,
    currency       VARCHAR(3) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    failure        VARCHAR(200),
    refund_amount  NUMERIC(12, 2),
    refund_status  VARCHAR(16)
);
CREATE INDEX orders_user ON orders (user_id, created_at);
CREATE INDEX orders_status ON orders (status, updated_at);

-- live_seat_id is the seat while the ticket is valid and NULL once cancelled, so that the unique
-- constraint below holds over live tickets only (in H2 and PostgreSQL alike).
CREATE TABLE tickets (
    id           VARCHAR(36) PRIMARY KEY,
    order_id     VARCHAR(36) NOT NULL REFERENCES orders (id),
    event_id     BIGINT NOT NULL,
    seat_id      BIGINT NOT NULL,
    live_seat_id BIGINT,
    label        VARCHAR(200) NOT NULL,
    category_id  BIGINT NOT NULL,
    price        NUMERIC(12, 2) NOT NULL,
    CONSTRAINT tickets_one_live_per_seat UNIQUE (event_id, live_seat_id)
);
CREATE INDEX tickets_order ON tickets (order_id);

CREATE TABLE idempotency_keys (
    user_id         VARCHAR(255) NOT NULL,
    idem_key        VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64) NOT NULL,
    response_status INT,
    response_body   VARCHAR(100000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
