package ferry.core.share;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.account.LoginUser;
import ferry.core.account.PasswordHasher;
import ferry.core.account.UserDirectory;
import ferry.core.auth.Actor;
import ferry.core.auth.Cidr;
import ferry.core.auth.Defender;
import ferry.core.auth.PasswordChecks;
import ferry.core.error.AuthenticationException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.core.session.FileSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares: their owners manage them (a user only ever sees their own), and anyone with the link
 * visits them within the share's scope, expiry, use count, networks and password.
 */
public final class ShareService {
  /** The protocol visits run over, in sessions, transfer records and the connection list. */
  public static final String PROTOCOL = "HTTPShare";

  /** The reference's default and largest page of a listing. */
  public static final int DEFAULT_LIMIT = 100;

  public static final int MAX_LIMIT = 500;

  private static final Logger log = LoggerFactory.getLogger(ShareService.class);

  /** What a visit does: browsing reads without using a token; downloads and uploads use one. */
  public enum Access {
    BROWSE(true, false, false),
    DOWNLOAD(true, true, false),
    UPLOAD(false, true, false),
    /**
     * The end of an upload an {@link #UPLOAD} visit started and paid for (a resumable upload
     * publishes its file on its last chunk): writes, uses no token, and a share whose last token
     * that start used still lets it finish.
     */
    FINISH_UPLOAD(false, false, false),
    /**
     * A visitor opening the share's page, to learn what it offers ({@link ShareVisit#share()}'s
     * scope): any scope, no token; reading or writing files then takes its own visit.
     */
    LOOK(false, false, true);

    final boolean reads;
    final boolean counted;
    final boolean anyScope;

    Access(boolean reads, boolean counted, boolean anyScope) {
      this.reads = reads;
      this.counted = counted;
      this.anyScope = anyScope;
    }
  }

  private final ShareRepository shares;
  private final UserDirectory users;
  private final FileSessions sessions;
  private final PasswordHasher hasher;
  private final PasswordChecks checks;
  private final Defender defender;
  private final Clock clock;

  public ShareService(ShareRepository shares, UserDirectory users, FileSessions sessions, PasswordHasher hasher,
      PasswordChecks checks, Defender defender, Clock clock) {
    this.shares = requireNonNull(shares, "No share repository");
    this.users = requireNonNull(users, "No user directory");
    this.sessions = requireNonNull(sessions, "No file sessions");
    this.hasher = requireNonNull(hasher, "No password hasher");
    this.checks = requireNonNull(checks, "No password checks");
    this.defender = requireNonNull(defender, "No defender");
    this.clock = requireNonNull(clock, "No clock");
  }

  /** A page of {@code owner}'s shares ordered by id. */
  public List<Share> list(String owner, int offset, int limit, boolean ascending) {
    if (offset < 0) throw new ValidationException("offset: must be 0 or more");
    if (limit < 1 || limit > MAX_LIMIT) throw new ValidationException("limit: must be between 1 and " + MAX_LIMIT);
    return shares.list(owner, offset, limit, ascending);
  }

  /** {@code owner}'s share {@code id}; another user's share is as unknown as a missing one. */
  public Share get(String owner, String id) {
    return shares.find(id).filter(s -> s.username().equals(owner)).orElseThrow(() -> notFound(id));
  }

  /** Creates a share of {@code owner}'s files; its expiry, if any, must be in the future. */
  public Share create(Actor actor, String owner, ShareInput in) {
    Instant now = clock.instant();
    Instant expires = expiry(in.expiresAt());
    if (expires != null && !expires.isAfter(now))
      throw new ValidationException("expires_at: the expiration must be in the future");
    String password = in.password() == null || in.password().equals(ShareInput.KEEP_PASSWORD) ? "" : in.password();
    // validated first: a refused request costs no password hash
    Share s = build(Ids.newId(), owner, in, expires, null, now, now, null, 0);
    if (!password.isEmpty()) s = s.withPasswordHash(hasher.hash(password));
    shares.insert(s);
    log.info("share {} of {} created by {} from {}", s.id(), owner, actor.who(), actor.ip());
    return s;
  }

  /** Replaces {@code owner}'s share {@code id}; its uses and creation time stay. */
  public Share update(Actor actor, String owner, String id, ShareInput in) {
    Share old = get(owner, id);
    Share s = build(id, owner, in, expiry(in.expiresAt()), null, old.createdAt(), clock.instant(), old.lastUseAt(),
        old.usedTokens());
    if (in.password() != null && in.password().equals(ShareInput.KEEP_PASSWORD)) s = s.withPasswordHash(old.passwordHash());
    else if (in.password() != null && !in.password().isEmpty()) s = s.withPasswordHash(hasher.hash(in.password()));
    if (!shares.update(s)) throw notFound(id);
    log.info("share {} of {} updated by {} from {}", id, owner, actor.who(), actor.ip());
    return s;
  }

  /** Deletes {@code owner}'s share {@code id}. */
  public void delete(Actor actor, String owner, String id) {
    if (!shares.delete(id, owner)) throw notFound(id);
    log.info("share {} of {} deleted by {} from {}", id, owner, actor.who(), actor.ip());
  }

  /**
   * Admits a visit of share {@code id} from {@code ip} and opens the owner's session for it; a
   * counted access uses one token. Checks, in order: the share exists, its scope allows {@code
   * access}, it has tokens left and has not expired (404 as for an unknown share), {@code ip} lies in
   * its networks, the password matches (a wrong one scores at the Defender), the owner may log in.
   *
   * @param password the password the visitor sent, or null
   * @throws NotFoundException unknown, expired or used up
   * @throws PermissionDeniedException wrong scope, network, banned address, or owner unable to log in
   * @throws AuthenticationException missing or wrong password
   */
  public ShareVisit visit(String id, Access access, String ip, String password) {
    if (defender.isBanned(ip)) throw new PermissionDeniedException("your address is banned for a while");
    Share s = shares.find(id).orElseThrow(() -> notFound(id));
    if (!access.anyScope && (access.reads ? !s.scope().reads() : !s.scope().writes()))
      throw new PermissionDeniedException("invalid share scope: this share does not allow "
          + (access.reads ? "downloads or browsing" : "uploads"));
    Instant now = clock.instant();
    if (access != Access.FINISH_UPLOAD && s.exhausted()) throw new NotFoundException("max share usage exceeded");
    if (s.expiredAt(now)) throw new NotFoundException("share expired");
    if (!Cidr.allowListed(s.allowFrom(), ip)) throw new PermissionDeniedException("this share is not available from " + ip);
    if (s.hasPassword()) checkPassword(s, ip, password);
    LoginUser owner = users.findLoginUser(s.username())
        .filter(u -> !u.deniedProtocols().contains("HTTP"))
        .orElseThrow(() -> new PermissionDeniedException("the owner of this share cannot use it now"));
    FileSession session = sessions.open(owner.sessionFrom(ip), PROTOCOL, ip);
    if (access.counted && !shares.use(id, now)) {
      session.close();
      throw new NotFoundException("max share usage exceeded");
    }
    return new ShareVisit(s, session);
  }

  private void checkPassword(Share s, String ip, String password) {
    if (password == null) throw new AuthenticationException("this share is protected by a password");
    boolean ok = checks.call("share:" + s.id(), () -> hasher.verify(password, s.passwordHash()));
    if (!ok) {
      defender.record(ip, Defender.Event.LOGIN_FAILED);
      log.warn("wrong password for share {} from {}", s.id(), ip);
      throw new AuthenticationException("invalid share password");
    }
  }

  private static Share build(String id, String owner, ShareInput in, Instant expires, String hash, Instant created,
      Instant updated, Instant lastUse, int used) {
    ShareScope scope = ShareScope.of(in.scope());
    return new Share(id, ShareRules.name(in.name()), ShareRules.description(in.description()), scope,
        ShareRules.paths(in.paths(), scope), owner, created, updated, lastUse, expires, hash,
        ShareRules.maxTokens(in.maxTokens()), used, ShareRules.networks(in.allowFrom()));
  }

  /** The epoch (the API's 0) means no expiry. */
  private static Instant expiry(Instant at) {
    return at == null || at.equals(Instant.EPOCH) ? null : at;
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException(Ids.isId(id) ? "share " + id + " not found" : "share not found");
  }
}
