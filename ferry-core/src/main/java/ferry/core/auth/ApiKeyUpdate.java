package ferry.core.auth;

import java.time.Instant;
import java.util.List;

/** Changes to a key; a null field is left as it is. */
public record ApiKeyUpdate(Instant expiresAt, String description, List<String> allowedIps) {}
