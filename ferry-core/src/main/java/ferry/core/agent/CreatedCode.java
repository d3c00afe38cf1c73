package ferry.core.agent;

import java.time.Instant;

/** A new registration code in clear, shown this once. */
public record CreatedCode(String code, String customer, Instant expiresAt) {
  @Override
  public String toString() {
    return "CreatedCode[customer=" + customer + ", expiresAt=" + expiresAt + ", code=***]";
  }
}
