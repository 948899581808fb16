-- The committed shuffle of each waiting room's pre-queue: the seed stays secret until the sale opens, its SHA-256
-- commitment is published from the moment it is drawn. One row per event, drawn once by whichever node is first.
CREATE TABLE queue_shuffles (
    event_id     BIGINT       PRIMARY KEY,
    seed         VARCHAR(64)  NOT NULL,
    commitment   VARCHAR(64)  NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The key that signs queue receipts (an EC P-256 JWK with its private part), the same on every node.
CREATE TABLE queue_receipt_keys (
    id         VARCHAR(40)   PRIMARY KEY,
    jwk        VARCHAR(2000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
