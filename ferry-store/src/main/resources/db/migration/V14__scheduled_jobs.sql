-- Scheduled jobs of the orchestration face (issue 13) and their runs; db-scheduler's table, which
-- plans the server jobs' firings so that each runs once across the nodes sharing this database.
CREATE TABLE scheduled_jobs (
  id               VARCHAR(36) PRIMARY KEY,
  name             VARCHAR(200) NOT NULL,
  customer         VARCHAR(100),
  agent_id         VARCHAR(64),
  source_path      VARCHAR(4000),
  destination_path VARCHAR(4000),
  schedule         VARCHAR(200) NOT NULL,
  timezone         VARCHAR(64) NOT NULL,
  protocol         VARCHAR(20),
  direction        VARCHAR(10),
  enabled          BOOLEAN NOT NULL,
  script_name      VARCHAR(200),
  params           VARCHAR(131072) NOT NULL,
  misfire_policy   VARCHAR(10) NOT NULL,
  last_run_at      TIMESTAMP WITH TIME ZONE,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX scheduled_jobs_customer ON scheduled_jobs (customer, created_at);
CREATE INDEX scheduled_jobs_agent ON scheduled_jobs (agent_id, created_at);

CREATE TABLE job_runs (
  id            VARCHAR(36) PRIMARY KEY,
  job_id        VARCHAR(36) NOT NULL REFERENCES scheduled_jobs (id) ON DELETE CASCADE,
  agent_id      VARCHAR(64),
  node          VARCHAR(200),
  scheduled_at  TIMESTAMP WITH TIME ZONE,
  started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at   TIMESTAMP WITH TIME ZONE,
  status        VARCHAR(10) NOT NULL,
  error_message VARCHAR(4000),
  bytes         BIGINT NOT NULL,
  files         INTEGER NOT NULL,
  transfer_ids  VARCHAR(1048576) NOT NULL
);
-- one run per firing, whichever node or agent reports it
CREATE UNIQUE INDEX job_runs_firing ON job_runs (job_id, scheduled_at);
CREATE INDEX job_runs_job ON job_runs (job_id, started_at);

-- db-scheduler 16's PostgreSQL table, VARCHAR for TEXT so that H2 (MODE=PostgreSQL) runs it too
CREATE TABLE scheduled_tasks (
  task_name            VARCHAR(100) NOT NULL,
  task_instance        VARCHAR(100) NOT NULL,
  task_data            BYTEA,
  execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
  picked               BOOLEAN NOT NULL,
  picked_by            VARCHAR(200),
  last_success         TIMESTAMP WITH TIME ZONE,
  last_failure         TIMESTAMP WITH TIME ZONE,
  consecutive_failures INTEGER,
  last_heartbeat       TIMESTAMP WITH TIME ZONE,
  version              BIGINT NOT NULL,
  priority             SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority, execution_time);
