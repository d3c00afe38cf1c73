-- Agents of the orchestration face (/api, issue 13): transfer agents registered by customers. Only
-- the SHA-256 of an agent's key is kept. A deleted agent stays, revoked, for what it reported; its
-- active_name is cleared then, so the unique index (NULLs never collide) frees its name for reuse.
-- last_seen_ms (epoch ms of the last heartbeat, or of the registration) lets a listing filter on
-- the status computed from it with the same SQL on H2 and PostgreSQL.
CREATE TABLE agents (
  id                 VARCHAR(36) PRIMARY KEY,
  name               VARCHAR(100) NOT NULL,
  active_name        VARCHAR(100),
  hostname           VARCHAR(255),
  os                 VARCHAR(50),
  version            VARCHAR(50),
  customer           VARCHAR(100) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  load_avg           DOUBLE PRECISION,
  memory             BIGINT,
  heartbeat_interval INTEGER NOT NULL,
  last_heartbeat     TIMESTAMP WITH TIME ZONE,
  last_seen_ms       BIGINT NOT NULL,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at         TIMESTAMP WITH TIME ZONE,
  key_hash           VARCHAR(64) NOT NULL,
  cert_fingerprint   VARCHAR(64),
  cert_not_after     TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX agents_customer_name ON agents (customer, active_name);
CREATE UNIQUE INDEX agents_key_hash ON agents (key_hash);
CREATE INDEX agents_customer_created ON agents (customer, created_at);

-- One-time registration codes (hashed): an agent registers with one instead of credentials.
CREATE TABLE agent_registration_codes (
  code_hash  VARCHAR(64) PRIMARY KEY,
  customer   VARCHAR(100) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_by VARCHAR(255) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at    TIMESTAMP WITH TIME ZONE,
  agent_id   VARCHAR(36)
);
CREATE INDEX agent_registration_codes_expiry ON agent_registration_codes (expires_at);
