CREATE TABLE users (
    id            VARCHAR(255) PRIMARY KEY,
    email         VARCHAR(254) UNIQUE,
    password_hash VARCHAR(200),
    display_name  VARCHAR(255) NOT NULL,
    roles         VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
