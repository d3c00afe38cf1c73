-- Tracked transfers (issue 13): agents' transfers live in the same table as the server's (sessions,
-- script jobs), so that one listing shows everything that moved. An agent's row is stored pending and
-- updated as it goes; `bytes` is its bytesTransferred, `dst_path` its destinationPath.
ALTER TABLE transfers ADD COLUMN public_id VARCHAR(36);
ALTER TABLE transfers ADD COLUMN agent_id VARCHAR(36);
ALTER TABLE transfers ADD COLUMN customer VARCHAR(100);
ALTER TABLE transfers ADD COLUMN run_id VARCHAR(36);
ALTER TABLE transfers ADD COLUMN status VARCHAR(10);
ALTER TABLE transfers ADD COLUMN progress INTEGER;
ALTER TABLE transfers ADD COLUMN speed BIGINT;
ALTER TABLE transfers ADD COLUMN size BIGINT;
ALTER TABLE transfers ADD COLUMN source_url VARCHAR(4000);
ALTER TABLE transfers ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE transfers ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE transfers ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;

-- Rows from before get a public id made of their row number (a valid UUID text on both databases,
-- without a random function that only one of them has), and the status their outcome gives.
UPDATE transfers SET public_id = '00000000-0000-0000-0000-' || LPAD(CAST(id AS VARCHAR(20)), 12, '0'),
  status = CASE WHEN ok THEN 'completed' ELSE 'failed' END;
ALTER TABLE transfers ALTER COLUMN public_id SET NOT NULL;
ALTER TABLE transfers ALTER COLUMN status SET NOT NULL;

-- What a pending agent transfer cannot fill yet.
ALTER TABLE transfers ALTER COLUMN src_vfs DROP NOT NULL;
ALTER TABLE transfers ALTER COLUMN src_path DROP NOT NULL;
ALTER TABLE transfers ALTER COLUMN dst_vfs DROP NOT NULL;
ALTER TABLE transfers ALTER COLUMN duration_ms DROP NOT NULL;
ALTER TABLE transfers ALTER COLUMN ok DROP NOT NULL;
ALTER TABLE transfers ALTER COLUMN finished_at DROP NOT NULL;
-- Scheduled jobs' ids are UUIDs.
ALTER TABLE transfers ALTER COLUMN job_id SET DATA TYPE VARCHAR(36);

CREATE UNIQUE INDEX transfers_public_id ON transfers (public_id);
CREATE INDEX transfers_agent ON transfers (agent_id, id);
CREATE INDEX transfers_customer ON transfers (customer, id);
