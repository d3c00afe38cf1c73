-- Agents' client certificates (mTLS, issue 13), signed by the agent CA. The CA's key and
-- certificate are sealed with the master key in jwt_keys (name 'agent-ca'), so every node sharing
-- the database trusts and signs with the same CA. A certificate is accepted only while its
-- fingerprint is recorded here unrevoked; a new one revokes the agent's earlier ones.
CREATE TABLE agent_certificates (
  fingerprint VARCHAR(64) PRIMARY KEY,
  agent_id    VARCHAR(64) NOT NULL,
  serial      VARCHAR(64) NOT NULL,
  not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX agent_certificates_agent ON agent_certificates (agent_id, revoked);
