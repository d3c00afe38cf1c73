package ferry.core.auth.token;

import java.time.Instant;

/** A token as handed to its holder: the compact JWT, its id and its end. */
public record IssuedToken(String token, String id, Instant expiresAt) {}
