package ferry.server.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.mfa.Base32;
import ferry.core.auth.mfa.Totp;
import ferry.server.web.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An authenticator app for the tests: turns TOTP on through the setup page (reading the secret the
 * page shows) and makes codes. Each code is for a step after the last one used, since the server
 * takes a step once; when that step is not yet within the server's window, it waits for the clock.
 */
final class Mfa {
  private static final Pattern SECRET = Pattern.compile("id=\"mfa-secret\" readonly value=\"([A-Z2-7]+)\"");
  private static final Pattern CODE = Pattern.compile("<li><code>([a-z2-7-]+)</code></li>");

  final String secret;
  final List<String> recoveryCodes;
  private long lastStep;

  private Mfa(String secret, List<String> recoveryCodes, long lastStep) {
    this.secret = secret;
    this.recoveryCodes = recoveryCodes;
    this.lastStep = lastStep;
  }

  /** Turns TOTP on for the account {@code web} is logged in to, in {@code area} (/web/admin or /web/client). */
  static Mfa enable(WebClient web, String area) {
    assertThat(web.get(area + "/profile/mfa").body()).contains("id=\"mfa-state\"");
    WebClient.Page begun = web.postForm(area + "/profile/mfa/begin", Map.of());
    assertThat(begun.status()).as(begun.body()).isEqualTo(303);
    WebClient.Page setup = web.get(area + "/profile/mfa");
    Matcher m = SECRET.matcher(setup.body());
    assertThat(m.find()).as(setup.body()).isTrue();
    assertThat(setup.body()).contains("otpauth://totp/Ferry%3A").contains("issuer=Ferry");
    long step = Totp.step(Instant.now());
    WebClient.Page confirmed = web.postForm(area + "/profile/mfa/confirm",
        Map.of("code", Totp.code(Base32.decode(m.group(1)), step)));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    Matcher c = CODE.matcher(confirmed.body());
    while (c.find()) codes.add(c.group(1));
    assertThat(codes).hasSize(10);
    return new Mfa(m.group(1), codes, step);
  }

  /** The code of the step after the last one used (waiting until the server's window reaches it). */
  String nextCode() {
    long step = Math.max(lastStep + 1, Totp.step(Instant.now()));
    long deadline = System.nanoTime() + Duration.ofSeconds(65).toNanos();
    while (Totp.step(Instant.now()) + Totp.WINDOW < step) {
      if (System.nanoTime() > deadline) throw new AssertionError("the clock did not reach step " + step);
      try {
        Thread.sleep(200); // polling the clock: the condition is the next TOTP step
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    lastStep = step;
    return Totp.code(Base32.decode(secret), step);
  }

  /** The last code used again (a replay). */
  String lastCode() {
    return Totp.code(Base32.decode(secret), lastStep);
  }
}
