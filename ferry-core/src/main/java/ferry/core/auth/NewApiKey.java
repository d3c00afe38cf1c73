package ferry.core.auth;

import java.time.Instant;
import java.util.List;

/** What an admin asks for when creating a key; null fields take their defaults. */
public record NewApiKey(
    String name, KeyScope scope, List<String> allowedIps, Instant expiresAt, String description) {}
