package ferry.core.auth.token;

import java.time.Instant;

/** A token that passed every check: signature, audience, expiry and revocation. */
public record VerifiedToken(String username, Audience audience, String id, Instant expiresAt) {}
