-- Customers of the orchestration face (/api, issue 13): file-server users with the customer role,
-- who own agents, scheduled jobs and pipelines. The role goes with its user.
CREATE TABLE customers (
  username   VARCHAR(100) PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
