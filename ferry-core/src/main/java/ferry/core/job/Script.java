package ferry.core.job;

import java.time.Instant;

/** A stored JavaScript program; names are unique ignoring case. */
public record Script(
    String id, String name, String description, String source, Instant createdAt, Instant updatedAt) {}
