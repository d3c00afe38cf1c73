-- Shares of the file server's /api/v2 (issue 12): links to some of a user's files. A share goes
-- with its owner. Paths are joined by newlines and networks by commas: neither may contain them.
CREATE TABLE shares (
  id            VARCHAR(32) PRIMARY KEY,
  name          VARCHAR(255) NOT NULL,
  description   VARCHAR(1024) NOT NULL,
  scope         INTEGER NOT NULL,
  paths         VARCHAR(1048576) NOT NULL,
  username      VARCHAR(100) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_use_at   TIMESTAMP WITH TIME ZONE,
  expires_at    TIMESTAMP WITH TIME ZONE,
  password_hash VARCHAR(500),
  max_tokens    INTEGER NOT NULL,
  used_tokens   INTEGER NOT NULL,
  allow_from    VARCHAR(10000) NOT NULL
);
CREATE INDEX shares_username ON shares (username, id);
