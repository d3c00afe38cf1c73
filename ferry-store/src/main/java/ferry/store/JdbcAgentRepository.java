package ferry.store;

import ferry.core.agent.Agent;
import ferry.core.agent.AgentQuery;
import ferry.core.agent.AgentRepository;
import ferry.core.agent.AgentStatus;
import ferry.core.agent.RegistrationCode;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

final class JdbcAgentRepository implements AgentRepository {
  private static final String ACTIVE = "revoked_at IS NULL";

  private final Jdbi jdbi;

  JdbcAgentRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(Agent a) {
    Sql.unique(duplicate(a), () -> jdbi.withHandle(h -> insert(h, a)));
  }

  @Override
  public boolean insertUsingCode(Agent a, String codeHash, Instant now) {
    // one transaction: the UPDATE's row lock lets one registration use the code; a duplicate name
    // rolls the use back, so the code still serves a retry with another name
    return Sql.unique(duplicate(a), () -> jdbi.inTransaction(h -> {
      int used = h.createUpdate("""
              UPDATE agent_registration_codes SET used_at = :now, agent_id = :agent
              WHERE code_hash = :hash AND customer = :customer AND used_at IS NULL AND expires_at > :now""")
          .bind("now", Sql.ts(now)).bind("agent", a.id()).bind("hash", codeHash).bind("customer", a.customer())
          .execute();
      if (used != 1) return false;
      insert(h, a);
      return true;
    }));
  }

  @Override
  public Optional<Agent> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM agents WHERE id = :id AND " + ACTIVE)
        .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
  }

  @Override
  public Optional<Agent> findByKeyHash(String keyHash) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM agents WHERE key_hash = :h AND " + ACTIVE)
        .bind("h", keyHash).map((rs, ctx) -> map(rs)).findOne());
  }

  @Override
  public Page<Agent> list(AgentQuery q, PageRequest page) {
    StringBuilder where = new StringBuilder(" WHERE " + ACTIVE);
    if (q.customer() != null) where.append(" AND customer = :customer");
    // online while last_seen + interval x missed >= now, in epoch ms: plain arithmetic both databases share
    if (q.status() == AgentStatus.ONLINE)
      where.append(" AND last_seen_ms + CAST(heartbeat_interval AS BIGINT) * :window >= :now");
    if (q.status() == AgentStatus.OFFLINE)
      where.append(" AND last_seen_ms + CAST(heartbeat_interval AS BIGINT) * :window < :now");
    return jdbi.withHandle(h -> {
      long total = bind(h.createQuery("SELECT COUNT(*) FROM agents" + where), q).mapTo(Long.class).one();
      List<Agent> items = bind(h.createQuery(
              "SELECT * FROM agents" + where + " ORDER BY created_at, id LIMIT :limit OFFSET :offset"), q)
          .bind("limit", page.limit()).bind("offset", page.offset())
          .map((rs, ctx) -> map(rs)).list();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  @Override
  public boolean updateHeartbeat(Agent a) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE agents SET version = :version, load_avg = :load, memory = :memory,
                              heartbeat_interval = :interval, last_heartbeat = :beat, last_seen_ms = :seen
            WHERE id = :id AND revoked_at IS NULL""")
        .bind("version", a.version()).bind("load", a.load()).bind("memory", a.memory())
        .bind("interval", a.heartbeatInterval()).bind("beat", Sql.ts(a.lastHeartbeat()))
        .bind("seen", a.lastSeen().toEpochMilli()).bind("id", a.id())
        .execute()) == 1;
  }

  @Override
  public boolean updateCertificate(String id, String fingerprint, Instant notAfter) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE agents SET cert_fingerprint = :fp, cert_not_after = :until WHERE id = :id AND revoked_at IS NULL""")
        .bind("fp", fingerprint).bind("until", Sql.ts(notAfter)).bind("id", id).execute()) == 1;
  }

  @Override
  public boolean revoke(String id, Instant at) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE agents SET revoked_at = :at, active_name = NULL WHERE id = :id AND revoked_at IS NULL""")
        .bind("at", Sql.ts(at)).bind("id", id).execute()) == 1;
  }

  @Override
  public void insertCode(RegistrationCode c, Instant pruneBefore) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM agent_registration_codes WHERE expires_at < :before")
          .bind("before", Sql.ts(pruneBefore)).execute();
      h.createUpdate("""
              INSERT INTO agent_registration_codes (code_hash, customer, created_by, created_at, expires_at)
              VALUES (:hash, :customer, :by, :at, :expires)""")
          .bind("hash", c.codeHash()).bind("customer", c.customer()).bind("by", c.createdBy())
          .bind("at", Sql.ts(c.createdAt())).bind("expires", Sql.ts(c.expiresAt())).execute();
    });
  }

  @Override
  public Optional<RegistrationCode> findCode(String codeHash) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM agent_registration_codes WHERE code_hash = :h")
        .bind("h", codeHash)
        .map((rs, ctx) -> new RegistrationCode(rs.getString("code_hash"), rs.getString("customer"),
            rs.getString("created_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"),
            Sql.instant(rs, "used_at")))
        .findOne());
  }

  private static int insert(Handle h, Agent a) {
    return h.createUpdate("""
            INSERT INTO agents (id, name, active_name, hostname, os, version, customer, load_avg, memory,
                                heartbeat_interval, last_heartbeat, last_seen_ms, created_at, revoked_at, key_hash,
                                cert_fingerprint, cert_not_after)
            VALUES (:id, :name, :name, :hostname, :os, :version, :customer, :load, :memory, :interval, :beat, :seen,
                    :created, NULL, :hash, :fp, :until)""")
        .bind("id", a.id()).bind("name", a.name()).bind("hostname", a.hostname()).bind("os", a.os())
        .bind("version", a.version()).bind("customer", a.customer()).bind("load", a.load())
        .bind("memory", a.memory()).bind("interval", a.heartbeatInterval()).bind("beat", Sql.ts(a.lastHeartbeat()))
        .bind("seen", a.lastSeen().toEpochMilli()).bind("created", Sql.ts(a.createdAt()))
        .bind("hash", a.keyHash()).bind("fp", a.certificateFingerprint()).bind("until", Sql.ts(a.certificateNotAfter()))
        .execute();
  }

  private static Query bind(Query query, AgentQuery q) {
    if (q.customer() != null) query.bind("customer", q.customer());
    if (q.status() != null) query.bind("window", q.missedAllowed() * 1000L).bind("now", q.now().toEpochMilli());
    return query;
  }

  private static String duplicate(Agent a) {
    return "customer " + a.customer() + " already has an agent named " + a.name();
  }

  private static Agent map(ResultSet rs) throws SQLException {
    double load = rs.getDouble("load_avg");
    Double loadOrNull = rs.wasNull() ? null : load;
    long memory = rs.getLong("memory");
    Long memoryOrNull = rs.wasNull() ? null : memory;
    return new Agent(rs.getString("id"), rs.getString("name"), rs.getString("hostname"), rs.getString("os"),
        rs.getString("version"), rs.getString("customer"), loadOrNull, memoryOrNull, rs.getInt("heartbeat_interval"),
        Sql.instant(rs, "last_heartbeat"), Sql.instant(rs, "created_at"), Sql.instant(rs, "revoked_at"),
        rs.getString("key_hash"), rs.getString("cert_fingerprint"), Sql.instant(rs, "cert_not_after"));
  }
}
