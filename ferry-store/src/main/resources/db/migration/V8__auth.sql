-- Authentication of the file server's API, /api/v2 (issue 12).

-- The JWT signing key every node shares, sealed with the master key; the first node to start makes it.
CREATE TABLE jwt_keys (
  name       VARCHAR(100) PRIMARY KEY,
  sealed     BYTEA NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Tokens ended by a logout, refused by every node until they expire; pruned after.
CREATE TABLE revoked_tokens (
  id         VARCHAR(64) PRIMARY KEY,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

-- /api/v2 API keys (X-SFTPGO-API-KEY) live beside the /v1 keys: a key may be bound to one admin or
-- one user, and records its last change.
ALTER TABLE api_keys ADD COLUMN bound_admin VARCHAR(255);
ALTER TABLE api_keys ADD COLUMN bound_user VARCHAR(255);
ALTER TABLE api_keys ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
