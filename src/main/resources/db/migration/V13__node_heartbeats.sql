-- Nodes that keep the seat inventory in their own memory (no Redis) say here that they are alive, so that a second
-- such node on the same database refuses to start instead of selling from an inventory of its own (split brain).
CREATE TABLE node_heartbeats (
    node_id    VARCHAR(64)  PRIMARY KEY,
    host       VARCHAR(255) NOT NULL,
    started_at BIGINT       NOT NULL, -- epoch ms
    beats      BIGINT       NOT NULL, -- grows once a second while the node lives
    seen_at    BIGINT       NOT NULL  -- epoch ms of the last beat, by the node's clock
);
