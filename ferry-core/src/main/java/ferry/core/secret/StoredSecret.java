package ferry.core.secret;

import java.time.Instant;

/** A secret as stored: its value sealed by {@link SecretCipher}. */
public record StoredSecret(String name, byte[] sealed, Instant createdAt, Instant updatedAt) {}
