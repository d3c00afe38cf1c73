-- Transfers of file-server sessions (SFTP, SCP, HTTP) beside those of jobs: who, over what, which way, from where.
ALTER TABLE transfers ADD COLUMN username VARCHAR(255);
ALTER TABLE transfers ADD COLUMN protocol VARCHAR(20);
ALTER TABLE transfers ADD COLUMN direction VARCHAR(10);
ALTER TABLE transfers ADD COLUMN path VARCHAR(4000);
ALTER TABLE transfers ADD COLUMN remote_addr VARCHAR(64);
ALTER TABLE transfers ADD COLUMN conn_id VARCHAR(64);
CREATE INDEX transfers_user ON transfers (username, id);
