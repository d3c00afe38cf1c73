package ferry.core.auth.mfa;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.web.WebSession;
import java.time.Instant;

/**
 * An account's TOTP second factor: its secret sealed with the master key (never stored in clear),
 * whether it is enabled (a secret is pending until a first code confirms it) and the last step a
 * code was accepted for (a code is good once).
 *
 * @param kind an admin (console) or a file-server user (web client)
 * @param sealedSecret the Base32 secret sealed by {@link ferry.core.secret.SecretCipher}
 * @param lastStep the last accepted TOTP step, or {@link Long#MIN_VALUE} before any
 */
public record MfaAccount(WebSession.Kind kind, String username, byte[] sealedSecret, boolean enabled, long lastStep,
    Instant updatedAt) {
  public MfaAccount {
    requireNonNull(kind, "No account kind");
    requireNonNull(username, "No username");
    requireNonNull(sealedSecret, "No sealed secret");
    requireNonNull(updatedAt, "No update time");
  }
}
