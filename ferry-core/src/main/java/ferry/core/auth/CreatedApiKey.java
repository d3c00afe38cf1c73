package ferry.core.auth;

/** A key just created: {@code plaintext} ({@code id.secret}) is shown this once and never stored. */
public record CreatedApiKey(ApiKey key, String plaintext) {}
