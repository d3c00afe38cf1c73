package ferry.web.shares;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The unlocked state of a password share in the browser: after the right password, a cookie scoped
 * to {@code /web/shares/<id>} (HttpOnly, SameSite=Strict, one hour, renewed by each chunk of an
 * upload) carries the share id, its expiry and the password, sealed with AES-GCM under a key made at start (so it is signed and
 * unreadable; a restart locks every share again). Each visit hands the password to the core's
 * {@code ShareService.visit}, which stays the one judge of it (a changed password locks at once).
 * The key lives in this process: on a cluster, a visitor goes back to the form on another node.
 */
public final class ShareUnlock {
  public static final String COOKIE = "ferry_share";
  static final Duration LIFETIME = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;
  private final Clock clock;
  private final boolean secure;

  public ShareUnlock(Clock clock, boolean secure) {
    this.clock = clock;
    this.secure = secure;
    try {
      KeyGenerator g = KeyGenerator.getInstance("AES");
      g.init(256, RANDOM);
      this.key = g.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no AES", e);
    }
  }

  public static String path(String shareId) {
    return "/web/shares/" + shareId;
  }

  /** Sets the cookie after the core accepted {@code password} for {@code shareId}. */
  public void set(Context ctx, String shareId, String password) {
    String plain = shareId + "\n" + clock.instant().plus(LIFETIME).getEpochSecond() + "\n" + password;
    ctx.cookie(new Cookie(COOKIE, seal(plain), path(shareId), (int) LIFETIME.toSeconds(), secure, true, null,
        SameSite.STRICT));
  }

  /** Locks the share again in this browser. */
  public void clear(Context ctx, String shareId) {
    ctx.cookie(new Cookie(COOKIE, "", path(shareId), 0, secure, true, null, SameSite.STRICT));
  }

  /** The password this browser unlocked {@code shareId} with, if its cookie is genuine and fresh. */
  public Optional<String> password(Context ctx, String shareId) {
    String c = ctx.cookie(COOKIE);
    if (c == null || c.isEmpty()) return Optional.empty();
    Optional<String> plain = open(c);
    if (plain.isEmpty()) return Optional.empty();
    String[] parts = plain.get().split("\n", 3);
    if (parts.length != 3 || !parts[0].equals(shareId)) return Optional.empty();
    if (!Instant.ofEpochSecond(Long.parseLong(parts[1])).isAfter(clock.instant())) return Optional.empty();
    return Optional.of(parts[2]);
  }

  private String seal(String plain) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  private Optional<String> open(String value) {
    try {
      byte[] all = Base64.getUrlDecoder().decode(value);
      if (all.length < 12 + 16) return Optional.empty();
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      return Optional.of(new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
