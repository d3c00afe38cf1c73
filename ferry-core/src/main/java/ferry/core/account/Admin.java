package ferry.core.account;

import java.time.Instant;

/** An operator account; only the argon2id hash of its password is kept. */
public record Admin(String username, String passwordHash, Instant createdAt) {}
