-- Second factor of web logins (issue 15): one TOTP secret per account, sealed with the master key,
-- pending until a first code enables it; last_step makes each code good once.
CREATE TABLE mfa_accounts (
  kind          VARCHAR(10) NOT NULL,
  username      VARCHAR(255) NOT NULL,
  sealed_secret BYTEA NOT NULL,
  enabled       BOOLEAN NOT NULL,
  last_step     BIGINT NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (kind, username)
);
-- Recovery codes as SHA-256 hex; using one deletes its row.
CREATE TABLE mfa_recovery_codes (
  kind      VARCHAR(10) NOT NULL,
  username  VARCHAR(255) NOT NULL,
  code_hash VARCHAR(64) NOT NULL,
  PRIMARY KEY (kind, username, code_hash)
);
