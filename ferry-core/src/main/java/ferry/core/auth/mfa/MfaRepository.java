package ferry.core.auth.mfa;

import ferry.core.auth.web.WebSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port of the accounts' second factors, shared by all nodes. */
public interface MfaRepository {
  /** The second factor of one account, enabled or pending, if any. */
  Optional<MfaAccount> find(WebSession.Kind kind, String username);

  /**
   * Stores a pending (not enabled) secret, replacing an earlier pending one.
   *
   * @return false, changing nothing, when the account has an enabled second factor
   */
  boolean savePending(MfaAccount pending);

  /**
   * Enables the pending secret, with {@code step} as its first accepted step and {@code codeHashes}
   * as its recovery codes (replacing any), in one transaction.
   *
   * @return false when the account has no pending secret
   */
  boolean enable(WebSession.Kind kind, String username, long step, List<String> codeHashes, Instant at);

  /**
   * Records {@code step} as accepted if it comes after the last accepted one (atomically, so two
   * nodes never both accept one code).
   *
   * @return false when the step was already used, or the factor is not enabled
   */
  boolean advance(WebSession.Kind kind, String username, long step);

  /** Replaces the recovery codes of an account by {@code codeHashes}. */
  void replaceCodes(WebSession.Kind kind, String username, List<String> codeHashes);

  /**
   * Uses one recovery code: removes it if present (atomically: a code is good once).
   *
   * @return true when it was there
   */
  boolean useCode(WebSession.Kind kind, String username, String codeHash);

  /** How many recovery codes the account has left. */
  int codesLeft(WebSession.Kind kind, String username);

  /**
   * Removes the account's second factor and its recovery codes.
   *
   * @return true when there was one
   */
  boolean delete(WebSession.Kind kind, String username);
}
