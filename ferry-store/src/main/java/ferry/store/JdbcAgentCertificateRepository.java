package ferry.store;

import ferry.core.agent.certificate.AgentCertificate;
import ferry.core.agent.certificate.AgentCertificateRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

final class JdbcAgentCertificateRepository implements AgentCertificateRepository {
  private static final String COLUMNS = "fingerprint, agent_id, serial, not_after, created_at, revoked";

  private final Jdbi jdbi;

  JdbcAgentCertificateRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void replace(AgentCertificate c) {
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE agent_certificates SET revoked = TRUE WHERE agent_id = :a AND revoked = FALSE")
          .bind("a", c.agentId()).execute();
      h.createUpdate("INSERT INTO agent_certificates (" + COLUMNS + ") VALUES (:f, :a, :s, :na, :ca, :r)")
          .bind("f", c.fingerprint()).bind("a", c.agentId()).bind("s", c.serial())
          .bind("na", Sql.ts(c.notAfter())).bind("ca", Sql.ts(c.createdAt())).bind("r", c.revoked()).execute();
    });
  }

  @Override
  public Optional<AgentCertificate> findByFingerprint(String fingerprint) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM agent_certificates WHERE fingerprint = :f")
        .bind("f", fingerprint).map((rs, ctx) -> row(rs)).findOne());
  }

  @Override
  public Optional<AgentCertificate> current(String agentId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM agent_certificates"
            + " WHERE agent_id = :a AND revoked = FALSE ORDER BY created_at DESC")
        .bind("a", agentId).map((rs, ctx) -> row(rs)).findFirst());
  }

  @Override
  public int revokeAll(String agentId) {
    return jdbi.withHandle(h -> h.createUpdate(
            "UPDATE agent_certificates SET revoked = TRUE WHERE agent_id = :a AND revoked = FALSE")
        .bind("a", agentId).execute());
  }

  private static AgentCertificate row(ResultSet rs) throws SQLException {
    return new AgentCertificate(rs.getString("agent_id"), rs.getString("fingerprint"), rs.getString("serial"),
        Sql.instant(rs, "not_after"), Sql.instant(rs, "created_at"), rs.getBoolean("revoked"));
  }
}
