package ferry.core.auth.token;

import java.time.Instant;
import java.util.Optional;

/** Storage port for what every node shares about tokens: the signing key and the revoked token ids. */
public interface TokenRepository {
  /**
   * The sealed signing key stored under {@code name}.
   *
   * @return empty until a node has stored one
   */
  Optional<byte[]> findKey(String name);

  /**
   * Stores {@code sealed} under {@code name} unless a key is already there; safe when several
   * nodes start at once.
   *
   * @return false if another node stored its key first (read that one)
   */
  boolean insertKeyIfAbsent(String name, byte[] sealed, Instant createdAt);

  /** Marks token {@code id} revoked until {@code expiresAt}; revoking it twice is no error. */
  void revoke(String id, Instant expiresAt);

  /** Whether token {@code id} was revoked (one indexed lookup). */
  boolean isRevoked(String id);

  /**
   * Forgets the revocations of tokens that expired before {@code now}: those tokens are refused by
   * their expiry anyway.
   *
   * @return how many were removed
   */
  int pruneRevoked(Instant now);
}
