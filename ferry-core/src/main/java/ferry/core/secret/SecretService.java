package ferry.core.secret;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The encrypted secrets store: write-only for admins, readable only by scripts. */
public final class SecretService {
  /**
   * A name, or a customer's name, '/' and a name: a customer's pipelines may use only the secrets
   * under its own prefix (issue 14); usernames never hold '/', so no prefix is another's.
   */
  private static final Pattern NAME = Pattern.compile("(?:[A-Za-z0-9_][A-Za-z0-9._~-]{0,98}/)?[A-Za-z0-9._-]{1,100}");
  private static final int MAX_NAME = 100;
  private static final int MAX_VALUE_CHARS = 64 * 1024;

  private final SecretRepository repo;
  private final SecretCipher cipher;
  private final Clock clock;

  public SecretService(SecretRepository repo, SecretCipher cipher, Clock clock) {
    this.repo = requireNonNull(repo, "No secret repository");
    this.cipher = requireNonNull(cipher, "No cipher");
    this.clock = requireNonNull(clock, "No clock");
  }

  /** Sets or rotates a secret; every script reads the new value from now on. */
  public SetResult set(Actor actor, String name, String value) {
    actor.requireAdmin("manage secrets");
    if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches())
      throw new ValidationException("secret name must be 1-100 letters, digits, '.', '_' or '-', or a customer's"
          + " name, '/' and such a name (alice/partner-pub), got '" + name + "'");
    if (value == null) throw new ValidationException("value is required");
    if (value.length() > MAX_VALUE_CHARS)
      throw new ValidationException("value is longer than " + MAX_VALUE_CHARS + " characters");
    Instant now = clock.instant();
    Instant created = repo.find(name).map(StoredSecret::createdAt).orElse(now);
    boolean isNew = repo.upsert(new StoredSecret(name, cipher.encrypt(name, value), created, now));
    return new SetResult(new SecretInfo(name, created, now), isNew);
  }

  /** The names and dates of all secrets. */
  public List<SecretInfo> list(Actor actor) {
    actor.requireAdmin("manage secrets");
    return repo.list().stream().map(s -> new SecretInfo(s.name(), s.createdAt(), s.updatedAt())).toList();
  }

  public void delete(Actor actor, String name) {
    actor.requireAdmin("manage secrets");
    if (!repo.delete(name)) throw new NotFoundException("no secret named '" + name + "'");
  }

  /** The plaintext of a secret, for a running script only. */
  public Optional<String> reveal(String name) {
    return repo.find(name).map(s -> cipher.decrypt(s.name(), s.sealed()));
  }


  /** The outcome of {@link #set}: {@code created} is false when an existing secret was rotated. */
  public record SetResult(SecretInfo info, boolean created) {}
}
