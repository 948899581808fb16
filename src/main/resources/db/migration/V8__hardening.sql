-- E-mail verification: organizers may require a verified address before anyone holds seats of their event.
ALTER TABLE users ADD COLUMN email_verified BOOLEAN DEFAULT FALSE NOT NULL;

-- Addresses an account signed in from successfully: they keep access while the account is under attack from elsewhere.
CREATE TABLE login_addresses (
    user_id      VARCHAR(255) NOT NULL,
    address      VARCHAR(64)  NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, address)
);

-- Buyer limits per event (NULL: the service's default, or no limit where there is none by default).
ALTER TABLE events ADD COLUMN require_verified_email BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE events ADD COLUMN seats_per_address_per_hour INT;
ALTER TABLE events ADD COLUMN seats_per_card INT;
ALTER TABLE events ADD COLUMN holds_per_buyer_per_hour INT;

-- The payment instrument an order was paid with, as the gateway fingerprints it (never the card itself), and how many
-- seats the order is for, so that seats per card count checkouts still in progress too.
ALTER TABLE orders ADD COLUMN card_fingerprint VARCHAR(64);
ALTER TABLE orders ADD COLUMN seat_count INT;
CREATE INDEX orders_event_card ON orders (event_id, card_fingerprint);

-- One row per (event, card) that checkouts with that card lock, one at a time, while they count its seats.
CREATE TABLE card_locks (
    event_id         BIGINT      NOT NULL,
    card_fingerprint VARCHAR(64) NOT NULL,
    PRIMARY KEY (event_id, card_fingerprint)
);
CREATE INDEX orders_hold ON orders (hold_id);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
