package ferry.core.auth;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.Validation;
import ferry.core.error.AuthenticationException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * API keys: creation (shown once), listing, expiry changes, revocation and authentication.
 *
 * <p>A key is {@code <id>.<secret>} with 32 random bytes of secret. Because the secret is random
 * and long, a SHA-256 hash is as safe to store as a slow password hash and keeps every API call
 * cheap (a slow hash would cost ~150 ms per request). A key read from the database is reused for
 * up to {@link KeyCache#TTL} (issue 2, jobs benchmark: one query less per call), so a revocation or
 * change made on another node takes effect within that time; one made here takes effect at once.
 */
public final class ApiKeyService {
  /** How often a key's last-used time is written at most, so that busy keys do not cost a write per call. */
  public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private final ApiKeyRepository repo;
  private final Clock clock;
  private final KeyCache cache;
  /** SHA-256 of the whole local CLI key (id and secret), once this node made one. */
  private volatile String localKeyHash;

  public ApiKeyService(ApiKeyRepository repo, Clock clock) {
    this(repo, clock, System::nanoTime);
  }

  ApiKeyService(ApiKeyRepository repo, Clock clock, LongSupplier nanos) {
    this.repo = requireNonNull(repo, "No key repository");
    this.clock = requireNonNull(clock, "No clock");
    this.cache = new KeyCache(requireNonNull(nanos, "No nano clock"));
  }

  /** Creates a key owned by the acting admin. */
  public CreatedApiKey create(Actor actor, NewApiKey req) {
    actor.requireAdmin("manage API keys");
    String name = ApiKeys.name(req.name());
    Instant now = clock.instant();
    if (Validation.expiry("expiresAt", req.expiresAt()) != null && !req.expiresAt().isAfter(now))
      throw new ValidationException("expiresAt must be in the future");
    List<String> ips = normalizeIps(req.allowedIps());
    String id = Ids.newId();
    String secret = Ids.random(32);
    ApiKey key =
        new ApiKey(
            id,
            name,
            req.scope() == null ? KeyScope.JOBS : req.scope(),
            actor.who(),
            ips,
            req.expiresAt(),
            req.description(),
            now,
            null,
            null,
            ApiKeys.hash(secret));
    repo.insert(key);
    return new CreatedApiKey(key, id + "." + secret);
  }

  /** Every key, newest first. */
  public List<ApiKey> list(Actor actor) {
    actor.requireAdmin("manage API keys");
    return repo.list();
  }

  /** The key {@code id}, or NotFoundException. */
  public ApiKey get(Actor actor, String id) {
    actor.requireAdmin("manage API keys");
    return repo.find(id).orElseThrow(() -> new NotFoundException("no API key with id '" + id + "'"));
  }

  /** Changes a key; an expiry may be set or shortened but never extended or removed. */
  public ApiKey update(Actor actor, String id, ApiKeyUpdate change) {
    ApiKey k = get(actor, id);
    Instant expires = k.expiresAt();
    if (Validation.expiry("expiresAt", change.expiresAt()) != null) {
      if (expires != null && change.expiresAt().isAfter(expires))
        throw new ValidationException(
            "expiresAt can only be shortened: the key expires at " + expires);
      if (!change.expiresAt().isAfter(clock.instant()))
        throw new ValidationException("expiresAt must be in the future; revoke the key to end it now");
      expires = change.expiresAt();
    }
    ApiKey updated =
        new ApiKey(
            k.id(),
            k.name(),
            k.scope(),
            k.owner(),
            change.allowedIps() == null ? k.allowedIps() : normalizeIps(change.allowedIps()),
            expires,
            change.description() == null ? k.description() : change.description(),
            k.createdAt(),
            k.lastUsedAt(),
            k.revokedAt(),
            k.secretHash(),
            k.boundAdmin(),
            k.boundUser(),
            clock.instant());
    repo.update(updated);
    cache.invalidate(id);
    return updated;
  }

  /** Revokes a key at once; later calls with it get 401. */
  public void revoke(Actor actor, String id) {
    ApiKey k = get(actor, id);
    if (k.revokedAt() != null) return;
    repo.update(k.withRevokedAt(clock.instant()));
    cache.invalidate(id);
  }

  /**
   * Identifies the caller of a request.
   *
   * @throws AuthenticationException for an unknown, malformed, revoked or expired key (401)
   * @throws PermissionDeniedException when {@code remote} is outside the key's allow-list (403)
   */
  public Actor authenticate(String presented, InetAddress remote) {
    int dot = ApiKeys.idEnd(presented);
    String id = presented.substring(0, dot);
    long generation = cache.generation();
    KeyCache.Entry e =
        cache.find(id).or(() -> repo.find(id).map(key -> cache.put(key, generation)))
            .filter(c -> ApiKeys.secretMatches(c.key(), presented.substring(dot + 1)))
            .orElseThrow(() -> new AuthenticationException(ApiKeys.INVALID));
    ApiKey k = e.key();
    // the file server's keys (X-SFTPGO-API-KEY) act as an account there, and are no /v1 key
    if (k.scope().fileServer()) throw new AuthenticationException(ApiKeys.INVALID);
    Instant now = clock.instant();
    ApiKeys.requireUsable(k, now);
    if (e.allowed().stream().noneMatch(c -> c.contains(remote)))
      throw new PermissionDeniedException(
          "API key '" + k.name() + "' may not be used from " + remote.getHostAddress()
              + "; its allow-list is " + String.join(", ", k.allowedIps()));
    if (ApiKeys.lastUseDue(k, now, LAST_USED_RESOLUTION)) {
      repo.touch(k.id(), now);
      cache.refresh(e, k.withLastUsedAt(now));
    }
    return new Actor("key:" + k.id(), remote.getHostAddress(), k.scope().role());
  }

  /**
   * Replaces the admin key named {@code name} that the CLI on this machine reads from the data dir.
   *
   * @return the new key's plaintext
   */
  public String replaceLocalKey(String name) {
    repo.deleteByName(name);
    cache.clear();
    CreatedApiKey created = create(
            Actor.system(),
            new NewApiKey(name, KeyScope.ADMIN, ApiKey.DEFAULT_ALLOWED_IPS, null,
                "written to the data dir for the ferry CLI on this machine"));
    localKeyHash = ApiKeys.hash(created.plaintext());
    return created.plaintext();
  }

  /**
   * Whether {@code presented} is exactly the key {@link #replaceLocalKey} made on this node, secret
   * included. A ban of the caller's address does not refuse that key: only the data dir's owner can
   * read it, and it is how the CLI lifts a ban of this machine's address.
   */
  public boolean isLocalKey(String presented) {
    String expected = localKeyHash;
    return expected != null && presented != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
            ApiKeys.hash(presented).getBytes(StandardCharsets.US_ASCII));
  }

  private static List<String> normalizeIps(List<String> ips) {
    if (ips == null || ips.isEmpty()) return ApiKey.DEFAULT_ALLOWED_IPS;
    return ips.stream().map(Cidr::parse).map(Cidr::toString).distinct().toList();
  }

}
