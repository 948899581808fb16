-- The simulated gateway's ledger. One charge and at most one refund per order, by constraint.
CREATE TABLE payment_ledger (
    id         VARCHAR(36) PRIMARY KEY,
    order_id   VARCHAR(36) NOT NULL,
    kind       VARCHAR(8) NOT NULL,
    amount     NUMERIC(12, 2) NOT NULL,
    currency   VARCHAR(3) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT payment_ledger_once UNIQUE (order_id, kind)
);
