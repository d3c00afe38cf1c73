-- Web UI sessions (issue 15): one row per browser login; the browser holds a random cookie, this
-- table its SHA-256. Shared by all nodes, so logout or a password change ends a session everywhere.
CREATE TABLE web_sessions (
  id           VARCHAR(64) PRIMARY KEY,
  kind         VARCHAR(10) NOT NULL,
  username     VARCHAR(255) NOT NULL,
  stamp        VARCHAR(64) NOT NULL,
  stage        VARCHAR(10) NOT NULL,
  ip           VARCHAR(64) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_sessions_account ON web_sessions (kind, username);
CREATE INDEX web_sessions_last_seen ON web_sessions (last_seen_at);
