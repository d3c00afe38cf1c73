package ferry.core.auth;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.Validation;
import ferry.core.admin.AdminService;
import ferry.core.account.UserLogins;
import ferry.core.account.UserService;
import ferry.core.error.AuthenticationException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * API keys of the file server's API (/api/v2, {@code X-SFTPGO-API-KEY}): scope 1 acts as an admin,
 * scope 2 as a user. A key bound to an account acts as it; a generic key names the account after
 * its secret ({@code <id>.<secret>.<username>}). Only accounts that allow API keys can be acted as.
 * Stored like the /v1 keys (only a SHA-256 of the secret), in the same table, under their own scopes.
 */
public final class FileApiKeyService {
  /** A key's last use is written at most this often (the reference's rule). */
  public static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(10);
  public static final int MAX_LIMIT = 500;
  /**
   * A file server key without an allow-list of its own: the account's allowed addresses apply. A key
   * created with one is refused from elsewhere, besides the account's list.
   */
  public static final List<String> ANY_ADDRESS = List.of("0.0.0.0/0", "::/0");
  private static final int MAX_DESCRIPTION = 1000;

  /** What a client sends to create or update a key; {@code expiresAt} null for never. */
  public record KeyInput(String name, int scope, Instant expiresAt, String description, String user, String admin) {}

  /** Whom a presented key acts as. */
  public record KeyLogin(KeyScope scope, String username, String keyId) {}

  private final ApiKeyRepository repo;
  private final AdminService admins;
  private final UserService users;
  private final UserLogins userLogins;
  private final Clock clock;

  public FileApiKeyService(ApiKeyRepository repo, AdminService admins, UserService users, Clock clock) {
    this.repo = requireNonNull(repo, "No key repository");
    this.admins = requireNonNull(admins, "No admin service");
    this.users = requireNonNull(users, "No user service");
    this.userLogins = new UserLogins(users);
    this.clock = requireNonNull(clock, "No clock");
  }

  /** Creates a key usable from anywhere the account may log in from; its plaintext is in the answer only. */
  public CreatedApiKey create(Actor actor, KeyInput in) {
    return create(actor, in, null);
  }

  /**
   * Creates a key usable only from {@code allowedIps} (addresses or CIDR networks; null or empty for
   * anywhere), and only where its account may log in from; its plaintext is in the answer only.
   */
  public CreatedApiKey create(Actor actor, KeyInput in, List<String> allowedIps) {
    actor.requireAdmin("manage API keys");
    List<String> ips = allowedIps == null || allowedIps.isEmpty() ? ANY_ADDRESS
        : allowedIps.stream().map(Cidr::parse).map(Cidr::toString).distinct().toList();
    Instant now = clock.instant();
    Valid v = validate(in);
    if (v.expiresAt != null && !v.expiresAt.isAfter(now)) throw new ValidationException("expires_at must be in the future");
    String id = Ids.newId();
    String secret = Ids.random(32);
    ApiKey key = new ApiKey(id, v.name, v.scope, actor.who(), ips, v.expiresAt, v.description, now, null,
        null, ApiKeys.hash(secret), v.admin, v.user, now);
    repo.insert(key);
    return new CreatedApiKey(key, id + "." + secret);
  }

  /** The file server's keys ordered by id, {@code limit} from {@code offset}. */
  public List<ApiKey> list(Actor actor, int offset, int limit, boolean ascending) {
    actor.requireAdmin("manage API keys");
    if (offset < 0) throw new ValidationException("offset must be 0 or more");
    if (limit < 1 || limit > MAX_LIMIT) throw new ValidationException("limit must be between 1 and " + MAX_LIMIT);
    Comparator<ApiKey> byId = Comparator.comparing(ApiKey::id);
    return repo.list().stream().filter(k -> k.scope().fileServer())
        .sorted(ascending ? byId : byId.reversed()).skip(offset).limit(limit).toList();
  }

  /** The key {@code id}, or NotFoundException. */
  public ApiKey get(Actor actor, String id) {
    actor.requireAdmin("manage API keys");
    return repo.find(id).filter(k -> k.scope().fileServer())
        .orElseThrow(() -> new NotFoundException("no API key with id '" + id + "'"));
  }

  /** Replaces a key's fields; its expiry can be set or brought forward, never pushed back or removed. */
  public ApiKey update(Actor actor, String id, KeyInput in) {
    ApiKey k = get(actor, id);
    Instant now = clock.instant();
    Valid v = validate(in);
    if (k.expiresAt() != null && (v.expiresAt == null || v.expiresAt.isAfter(k.expiresAt())))
      throw new ValidationException("expires_at can only be shortened: the key expires at " + k.expiresAt().toEpochMilli());
    if (v.expiresAt != null && !v.expiresAt.equals(k.expiresAt()) && !v.expiresAt.isAfter(now))
      throw new ValidationException("expires_at must be in the future; delete the key to end it now");
    ApiKey updated = k.withChanges(v.name, v.scope, v.expiresAt, v.description, v.admin, v.user, now);
    repo.update(updated);
    return updated;
  }

  /** Deletes key {@code id}; it stops working at once, on every node. */
  public void delete(Actor actor, String id) {
    get(actor, id);
    if (!repo.delete(id)) throw new NotFoundException("no API key with id '" + id + "'");
  }

  /**
   * Whom {@code presented} acts as, for a request from {@code ip}.
   *
   * @throws AuthenticationException for an unknown, malformed, revoked or expired key, a generic key
   *     without a username, or an account that does not exist, is disabled or does not allow API keys
   * @throws PermissionDeniedException when {@code ip} is outside the key's own allow-list
   */
  public KeyLogin authenticate(String presented, String ip) {
    int dot = ApiKeys.idEnd(presented);
    String id = presented.substring(0, dot);
    String rest = presented.substring(dot + 1);
    int second = rest.indexOf('.');
    String secret = second < 0 ? rest : rest.substring(0, second);
    String suffix = second < 0 ? "" : rest.substring(second + 1);
    ApiKey k = repo.find(id).filter(key -> key.scope().fileServer())
        .filter(key -> ApiKeys.secretMatches(key, secret))
        .orElseThrow(() -> new AuthenticationException(ApiKeys.INVALID));
    Instant now = clock.instant();
    ApiKeys.requireUsable(k, now);
    if (!k.allowedIps().equals(ANY_ADDRESS) && !Cidr.allowListed(k.allowedIps(), ip))
      throw new PermissionDeniedException("API key '" + k.name() + "' may not be used from " + ip
          + "; its allow-list is " + String.join(", ", k.allowedIps()));
    String bound = k.scope() == KeyScope.FILE_ADMIN ? k.boundAdmin() : k.boundUser();
    // a bound key acts as its account whatever suffix the client appends
    String username = bound != null ? bound : suffix;
    if (username.isEmpty())
      throw new AuthenticationException("API key '" + k.name() + "' is bound to no account: append .<username> to it");
    if (k.scope() == KeyScope.FILE_ADMIN) {
      if (!admins.allowsApiKeys(username))
        throw new AuthenticationException("API key '" + k.name() + "' cannot act as admin " + username);
    } else if (!(userLogins.apiKeyLogin(username, ip) instanceof UserLogins.Outcome.Accepted)) {
      throw new AuthenticationException("API key '" + k.name() + "' cannot act as user " + username);
    }
    if (ApiKeys.lastUseDue(k, now, LAST_USE_RESOLUTION)) repo.touch(k.id(), now);
    return new KeyLogin(k.scope(), username, k.id());
  }

  private record Valid(String name, KeyScope scope, Instant expiresAt, String description, String admin, String user) {}

  private Valid validate(KeyInput in) {
    String name = ApiKeys.name(in.name());
    KeyScope scope = KeyScope.ofFileServerScope(in.scope())
        .orElseThrow(() -> new ValidationException("scope must be 1 (admin) or 2 (user), got " + in.scope()));
    String description = in.description() == null ? "" : in.description();
    if (description.length() > MAX_DESCRIPTION)
      throw new ValidationException("description is longer than " + MAX_DESCRIPTION + " characters");
    String admin = blankToNull(in.admin());
    String user = blankToNull(in.user());
    if (scope == KeyScope.FILE_ADMIN && user != null)
      throw new ValidationException("an admin-scope key (scope 1) cannot be bound to a user");
    if (scope == KeyScope.FILE_USER && admin != null)
      throw new ValidationException("a user-scope key (scope 2) cannot be bound to an admin");
    if (admin != null && !admins.exists(admin)) throw new ValidationException("admin '" + admin + "' does not exist");
    if (user != null && !users.exists(user)) throw new ValidationException("user '" + user + "' does not exist");
    return new Valid(name, scope, Validation.expiry("expires_at", in.expiresAt()), description, admin, user);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
