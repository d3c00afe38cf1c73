package ferry.core.auth.token;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import ferry.core.Ids;
import ferry.core.account.LoginCache;
import ferry.core.error.AuthenticationException;
import ferry.core.secret.SecretCipher;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived HS256 JWTs of the file server's API (/api/v2): issued at login, checked on every
 * request, revoked at logout. The signing key is made once and kept in the database, sealed with
 * the master key, so every node sharing the database signs and checks with the same key; a
 * revocation is stored there too, so every node refuses a token its holder logged out.
 */
public final class TokenService {
  /** How long a token lives (the reference server's 20 minutes). */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(20);

  static final String KEY_NAME = "api-v2-jwt";
  private static final int KEY_BYTES = 32;
  private static final String INVALID = "invalid or expired token";

  private final TokenRepository repo;
  private final Clock clock;
  private final Duration lifetime;
  private final MACSigner signer;
  private final MACVerifier verifier;
  private final NotRevoked notRevoked = new NotRevoked();

  /** Loads the shared signing key, creating it if this is the first node to start. */
  public TokenService(TokenRepository repo, SecretCipher cipher, Clock clock) {
    this(repo, cipher, clock, DEFAULT_LIFETIME);
  }

  public TokenService(TokenRepository repo, SecretCipher cipher, Clock clock, Duration lifetime) {
    this.repo = requireNonNull(repo, "No token repository");
    this.clock = requireNonNull(clock, "No clock");
    this.lifetime = requireNonNull(lifetime, "No lifetime");
    byte[] key = sharedKey(repo, requireNonNull(cipher, "No cipher"), clock);
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("unusable JWT signing key", e);
    }
  }

  private static byte[] sharedKey(TokenRepository repo, SecretCipher cipher, Clock clock) {
    var stored = repo.findKey(KEY_NAME);
    if (stored.isEmpty()) {
      byte[] fresh = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(fresh);
      repo.insertKeyIfAbsent(KEY_NAME, cipher.encrypt(KEY_NAME, Base64.getEncoder().encodeToString(fresh)),
          clock.instant());
      // whoever won the insert, every node uses the stored key
      stored = repo.findKey(KEY_NAME);
    }
    byte[] sealed = stored.orElseThrow(() -> new IllegalStateException("the JWT signing key was not stored"));
    return Base64.getDecoder().decode(cipher.decrypt(KEY_NAME, sealed));
  }

  /** A new token for {@code username} valid for {@code audience}. */
  public IssuedToken issue(String username, Audience audience) {
    requireNonNull(username, "No username");
    Instant now = clock.instant();
    Instant exp = now.plus(lifetime);
    String id = Ids.newId();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(username)
        .audience(audience.wire())
        .jwtID(id)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(exp))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    // JWT times are whole seconds: report the expiry the token carries
    return new IssuedToken(jwt.serialize(), id, Date.from(exp).toInstant());
  }

  /**
   * Checks a token presented for {@code expected}.
   *
   * @throws AuthenticationException when it is malformed, not signed with the shared key, for
   *     another audience, expired, or revoked
   */
  public VerifiedToken verify(String token, Audience expected) {
    return verify(token, java.util.EnumSet.of(expected));
  }

  /**
   * Checks a token presented where any of {@code accepted} may call (the orchestration face takes
   * admin and user tokens alike); the answer says which audience it was issued for.
   */
  public VerifiedToken verify(String token, java.util.Set<Audience> accepted) {
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier))
        throw new AuthenticationException(INVALID);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException | IllegalStateException e) {
      throw new AuthenticationException(INVALID);
    }
    List<String> aud = claims.getAudience();
    String sub = claims.getSubject();
    String id = claims.getJWTID();
    Date exp = claims.getExpirationTime();
    if (sub == null || id == null || exp == null) throw new AuthenticationException(INVALID);
    Audience expected = aud == null ? null
        : accepted.stream().filter(a -> aud.contains(a.wire())).findFirst().orElse(null);
    if (expected == null)
      throw new AuthenticationException("this token is not valid for this API: it was issued for " + aud);
    Instant now = clock.instant();
    if (!now.isBefore(exp.toInstant())) throw new AuthenticationException(INVALID);
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plusSeconds(1).isBefore(nbf.toInstant())) throw new AuthenticationException(INVALID);
    if (!notRevoked.knows(id)) {
      if (repo.isRevoked(id)) throw new AuthenticationException("this token was invalidated by a logout");
      notRevoked.remember(id);
    }
    return new VerifiedToken(sub, expected, id, exp.toInstant());
  }

  /** Revokes {@code token} on every node until it expires; drops revocations no longer needed. */
  public void revoke(VerifiedToken token) {
    repo.revoke(token.id(), token.expiresAt());
    notRevoked.forget(token.id()); // this node refuses it from now on, the others within NotRevoked.TTL
    repo.pruneRevoked(clock.instant());
  }

  /**
   * Token ids found not revoked in the last {@link #TTL}: each /api/v2 request checks its token, and
   * a burst of small files on one token asked the database the same question each time. A logout on
   * this node counts at once; a logout on another node sharing the database, at most TTL later.
   */
  static final class NotRevoked {
    static final Duration TTL = LoginCache.TTL; // the same bound for logout and disable
    private static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Long> checkedAt = new ConcurrentHashMap<>();

    boolean knows(String id) {
      Long at = checkedAt.get(id);
      return at != null && System.nanoTime() - at < TTL.toNanos();
    }

    void remember(String id) {
      if (TTL.isZero()) return;
      if (checkedAt.size() >= MAX_ENTRIES) checkedAt.clear();
      checkedAt.put(id, System.nanoTime());
    }

    void forget(String id) {
      checkedAt.remove(id);
    }
  }
}
