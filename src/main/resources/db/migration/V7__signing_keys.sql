-- In distributed mode every node signs and verifies tokens with the same key: the first node to start creates it.
CREATE TABLE signing_keys (
    id         VARCHAR(40) PRIMARY KEY,
    jwk        VARCHAR(10000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
