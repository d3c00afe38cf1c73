-- Uploads in progress, so that the next start of a server killed mid-upload removes its partial
-- files and logs the upload as failed (issue 10). A row lives only while its upload runs.
CREATE TABLE open_uploads (
  id          VARCHAR(32) PRIMARY KEY,
  owner       VARCHAR(100) NOT NULL,
  username    VARCHAR(255) NOT NULL,
  protocol    VARCHAR(20) NOT NULL,
  remote_addr VARCHAR(64) NOT NULL,
  conn_id     VARCHAR(64) NOT NULL,
  folder_name VARCHAR(100),
  path        VARCHAR(4000) NOT NULL,
  storage_path VARCHAR(4000) NOT NULL,
  started_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX open_uploads_owner ON open_uploads (owner, started_at);
