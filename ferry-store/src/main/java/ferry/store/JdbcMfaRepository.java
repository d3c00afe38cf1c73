package ferry.store;

import ferry.core.auth.mfa.MfaAccount;
import ferry.core.auth.mfa.MfaRepository;
import ferry.core.auth.web.WebSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

final class JdbcMfaRepository implements MfaRepository {
  private final Jdbi jdbi;

  JdbcMfaRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<MfaAccount> find(WebSession.Kind kind, String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM mfa_accounts WHERE kind = :k AND username = :u")
        .bind("k", kind.name()).bind("u", username)
        .map((rs, ctx) -> new MfaAccount(WebSession.Kind.valueOf(rs.getString("kind")), rs.getString("username"),
            rs.getBytes("sealed_secret"), rs.getBoolean("enabled"), rs.getLong("last_step"),
            Sql.instant(rs, "updated_at")))
        .findOne());
  }

  @Override
  public boolean savePending(MfaAccount a) {
    try {
      return jdbi.inTransaction(h -> {
        h.createUpdate("DELETE FROM mfa_accounts WHERE kind = :k AND username = :u AND enabled = FALSE")
            .bind("k", a.kind().name()).bind("u", a.username()).execute();
        h.createUpdate("INSERT INTO mfa_accounts (kind, username, sealed_secret, enabled, last_step, updated_at) "
                + "VALUES (:k, :u, :s, FALSE, :l, :t)")
            .bind("k", a.kind().name()).bind("u", a.username()).bind("s", a.sealedSecret())
            .bind("l", a.lastStep()).bind("t", Sql.ts(a.updatedAt())).execute();
        return true;
      });
    } catch (RuntimeException e) {
      if (Sql.isUniqueViolation(e)) return false; // an enabled factor is there: it stays
      throw e;
    }
  }

  @Override
  public boolean enable(WebSession.Kind kind, String username, long step, List<String> codeHashes, Instant at) {
    return jdbi.inTransaction(h -> {
      int n = h.createUpdate("UPDATE mfa_accounts SET enabled = TRUE, last_step = :l, updated_at = :t "
              + "WHERE kind = :k AND username = :u AND enabled = FALSE")
          .bind("l", step).bind("t", Sql.ts(at)).bind("k", kind.name()).bind("u", username).execute();
      if (n == 0) return false;
      replaceCodes(h, kind, username, codeHashes);
      return true;
    });
  }

  @Override
  public boolean advance(WebSession.Kind kind, String username, long step) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE mfa_accounts SET last_step = :l "
            + "WHERE kind = :k AND username = :u AND enabled = TRUE AND last_step < :l")
        .bind("l", step).bind("k", kind.name()).bind("u", username).execute()) > 0;
  }

  @Override
  public void replaceCodes(WebSession.Kind kind, String username, List<String> codeHashes) {
    jdbi.useTransaction(h -> replaceCodes(h, kind, username, codeHashes));
  }

  private static void replaceCodes(Handle h, WebSession.Kind kind, String username, List<String> codeHashes) {
    h.createUpdate("DELETE FROM mfa_recovery_codes WHERE kind = :k AND username = :u")
        .bind("k", kind.name()).bind("u", username).execute();
    var batch = h.prepareBatch("INSERT INTO mfa_recovery_codes (kind, username, code_hash) VALUES (:k, :u, :c)");
    for (String c : codeHashes) batch.bind("k", kind.name()).bind("u", username).bind("c", c).add();
    if (!codeHashes.isEmpty()) batch.execute();
  }

  @Override
  public boolean useCode(WebSession.Kind kind, String username, String codeHash) {
    return jdbi.withHandle(h -> h.createUpdate(
            "DELETE FROM mfa_recovery_codes WHERE kind = :k AND username = :u AND code_hash = :c")
        .bind("k", kind.name()).bind("u", username).bind("c", codeHash).execute()) > 0;
  }

  @Override
  public int codesLeft(WebSession.Kind kind, String username) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM mfa_recovery_codes WHERE kind = :k AND username = :u")
        .bind("k", kind.name()).bind("u", username).mapTo(Integer.class).one());
  }

  @Override
  public boolean delete(WebSession.Kind kind, String username) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM mfa_recovery_codes WHERE kind = :k AND username = :u")
          .bind("k", kind.name()).bind("u", username).execute();
      return h.createUpdate("DELETE FROM mfa_accounts WHERE kind = :k AND username = :u")
          .bind("k", kind.name()).bind("u", username).execute() > 0;
    });
  }
}
