package ferry.core.agent;

import java.time.Instant;

/**
 * A one-time code that lets an agent register for {@code customer} without other credentials; only
 * its hash is stored.
 *
 * @param usedAt when an agent used it; null while unused
 */
public record RegistrationCode(
    String codeHash, String customer, String createdBy, Instant createdAt, Instant expiresAt, Instant usedAt) {
  public boolean usableAt(Instant now) {
    return usedAt == null && now.isBefore(expiresAt);
  }
}
