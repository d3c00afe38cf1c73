package ferry.core.auth.mfa;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import ferry.core.auth.Defender;
import ferry.core.auth.RateLimiter;
import ferry.core.auth.web.WebSession;
import ferry.core.error.AuthenticationException;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.RateLimitedException;
import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TOTP second factor of admins and file-server users, and their recovery codes. A secret is
 * made here, shown once, stored sealed with the master key and enabled only when a first code
 * proves the app has it. Each accepted code's step is remembered so that a code is good once;
 * each recovery code is stored as its SHA-256 and is good once. A wrong code counts as a failed
 * login for the Defender, and tries are limited per account.
 */
public final class MfaService {
  private static final Logger log = LoggerFactory.getLogger(MfaService.class);
  public static final int SECRET_BYTES = 20;
  public static final int RECOVERY_CODES = 10;
  public static final String ISSUER = "Ferry";
  /** Code tries per account: 10 at once, then one each 6 s. */
  public static final RateLimiter.Limit DEFAULT_TRIES = new RateLimiter.Limit(10 / 60.0, 10);
  public static final String WRONG = "wrong or already used code";

  private static final SecureRandom RANDOM = new SecureRandom();
  private final MfaRepository repo;
  private final SecretCipher cipher;
  private final Defender defender;
  private final Clock clock;
  private final RateLimiter tries;

  /** A new secret to show once: as Base32 text and as the URI an authenticator app scans. */
  public record Enrollment(String secret, String uri) {}

  public MfaService(MfaRepository repo, SecretCipher cipher, Defender defender, Clock clock) {
    this(repo, cipher, defender, clock, DEFAULT_TRIES);
  }

  public MfaService(MfaRepository repo, SecretCipher cipher, Defender defender, Clock clock, RateLimiter.Limit limit) {
    this.repo = requireNonNull(repo, "No MFA repository");
    this.cipher = requireNonNull(cipher, "No cipher");
    this.defender = requireNonNull(defender, "No defender");
    this.clock = requireNonNull(clock, "No clock");
    this.tries = new RateLimiter(limit, clock);
  }

  /** Whether the account logs in with a second factor. */
  public boolean enabled(WebSession.Kind kind, String username) {
    return repo.find(kind, username).map(MfaAccount::enabled).orElse(false);
  }

  /** A fresh pending secret for the account (replacing an unconfirmed one). */
  public Enrollment begin(WebSession.Kind kind, String username) {
    byte[] raw = new byte[SECRET_BYTES];
    RANDOM.nextBytes(raw);
    String secret = Base32.encode(raw);
    MfaAccount pending = new MfaAccount(kind, username, cipher.encrypt(sealName(kind, username), secret), false,
        Long.MIN_VALUE, clock.instant());
    if (!repo.savePending(pending)) throw new ConflictException("two-factor authentication is already on");
    return enrollment(username, secret);
  }

  /** The pending secret, to show again after a wrong first code; empty when none is pending. */
  public Optional<Enrollment> pending(WebSession.Kind kind, String username) {
    return repo.find(kind, username).filter(a -> !a.enabled())
        .map(a -> enrollment(username, cipher.decrypt(sealName(kind, username), a.sealedSecret())));
  }

  /**
   * Enables the pending secret when {@code code} is its code now.
   *
   * @return the new recovery codes, to show once
   * @throws ValidationException on a wrong code (field {@code code})
   */
  public List<String> confirm(WebSession.Kind kind, String username, String code, String ip) {
    MfaAccount a = repo.find(kind, username).filter(x -> !x.enabled())
        .orElseThrow(() -> new NotFoundException("no two-factor setup is pending"));
    limit(kind, username);
    OptionalLong step = Totp.match(secret(a), clean(code), clock.instant(), a.lastStep());
    if (step.isEmpty()) {
      defender.record(ip, Defender.Event.LOGIN_FAILED);
      throw new ValidationException("the code does not match", Map.of("code", List.of(WRONG)));
    }
    List<String> codes = recoveryCodes();
    if (!repo.enable(kind, username, step.getAsLong(), codes.stream().map(RecoveryCodes::hash).toList(),
        clock.instant()))
      throw new ConflictException("two-factor setup changed meanwhile; start again");
    log.info("two-factor authentication enabled for {} {}", kind.name().toLowerCase(), username);
    return codes;
  }

  /**
   * Checks a login's code: right, for a step after the last accepted one.
   *
   * @throws AuthenticationException on a wrong or replayed code
   * @throws RateLimitedException past the tries allowed for this account
   */
  public void verify(WebSession.Kind kind, String username, String code, String ip) {
    limit(kind, username);
    MfaAccount a = enabledAccount(kind, username);
    OptionalLong step = Totp.match(secret(a), clean(code), clock.instant(), a.lastStep());
    if (step.isEmpty() || !repo.advance(kind, username, step.getAsLong())) fail(ip);
  }

  /** Checks and uses up one recovery code. */
  public void useRecoveryCode(WebSession.Kind kind, String username, String code, String ip) {
    limit(kind, username);
    enabledAccount(kind, username);
    if (code == null || !repo.useCode(kind, username, RecoveryCodes.hash(code))) fail(ip);
    log.info("recovery code used by {} {}; {} left", kind.name().toLowerCase(), username,
        repo.codesLeft(kind, username));
  }

  /** New recovery codes (the old ones stop working), after a current code. */
  public List<String> regenerate(WebSession.Kind kind, String username, String code, String ip) {
    verify(kind, username, code, ip);
    List<String> codes = recoveryCodes();
    repo.replaceCodes(kind, username, codes.stream().map(RecoveryCodes::hash).toList());
    log.info("recovery codes regenerated for {} {}", kind.name().toLowerCase(), username);
    return codes;
  }

  /**
   * Turns the second factor off; {@code actor} has proved the right to (the account itself with a
   * code or its password, or an admin holding {@code disable_mfa}).
   *
   * @return true when it was on or pending
   */
  public boolean disable(Actor actor, WebSession.Kind kind, String username) {
    boolean had = repo.delete(kind, username);
    if (had) log.info("two-factor authentication disabled for {} {} by {} from {}", kind.name().toLowerCase(),
        username, actor.who(), actor.ip());
    return had;
  }

  /** How many unused recovery codes the account has. */
  public int codesLeft(WebSession.Kind kind, String username) {
    return repo.codesLeft(kind, username);
  }

  private MfaAccount enabledAccount(WebSession.Kind kind, String username) {
    return repo.find(kind, username).filter(MfaAccount::enabled)
        .orElseThrow(() -> new AuthenticationException(WRONG));
  }

  private void limit(WebSession.Kind kind, String username) {
    Duration wait = tries.tryAcquire(kind.name() + ":" + username);
    if (!wait.isZero()) throw new RateLimitedException("too many code tries for " + username, wait);
  }

  private void fail(String ip) {
    defender.record(ip, Defender.Event.LOGIN_FAILED);
    throw new AuthenticationException(WRONG);
  }

  private byte[] secret(MfaAccount a) {
    return Base32.decode(cipher.decrypt(sealName(a.kind(), a.username()), a.sealedSecret()));
  }

  private static List<String> recoveryCodes() {
    List<String> codes = new ArrayList<>(RECOVERY_CODES);
    for (int i = 0; i < RECOVERY_CODES; i++) codes.add(RecoveryCodes.random(RANDOM));
    return List.copyOf(codes);
  }

  private static String clean(String code) {
    return code == null ? null : code.replace(" ", "").strip();
  }

  /** The associated data the secret is sealed with: a sealed secret copied to another account does not open. */
  static String sealName(WebSession.Kind kind, String username) {
    return "mfa:" + kind.name().toLowerCase() + ":" + username;
  }

  private static Enrollment enrollment(String username, String secret) {
    String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
    return new Enrollment(secret, "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
        + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
  }
}
