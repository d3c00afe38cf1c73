package ferry.core.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.DefenderConfig;
import ferry.core.auth.RateLimiter;
import ferry.core.auth.ScoreDefender;
import ferry.core.auth.web.WebSession;
import ferry.core.error.AuthenticationException;
import ferry.core.error.ConflictException;
import ferry.core.error.RateLimitedException;
import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MfaServiceTest {
  private static final WebSession.Kind USER = WebSession.Kind.USER;
  private final MemoryMfa repo = new MemoryMfa();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:10Z"), ZoneOffset.UTC);
  private final ScoreDefender defender = new ScoreDefender(DefenderConfig.defaults(), clock);
  private final MfaService mfa = new MfaService(repo, new SecretCipher(new byte[32]), defender, clock);

  private String codeAt(String secret, long stepOffset) {
    return Totp.code(Base32.decode(secret), Totp.step(clock.instant()) + stepOffset);
  }

  @Test
  void aSecretIsStoredSealedAndEnabledOnlyByItsFirstCode() {
    MfaService.Enrollment e = mfa.begin(USER, "alice");
    assertThat(Base32.decode(e.secret())).hasSize(20);
    assertThat(e.uri()).startsWith("otpauth://totp/Ferry%3Aalice?secret=" + e.secret() + "&issuer=Ferry");
    MfaAccount stored = repo.find(USER, "alice").orElseThrow();
    assertThat(new String(stored.sealedSecret(), StandardCharsets.ISO_8859_1)).doesNotContain(e.secret());
    assertThat(mfa.enabled(USER, "alice")).isFalse();
    assertThatThrownBy(() -> mfa.confirm(USER, "alice", "000000".equals(codeAt(e.secret(), 0)) ? "111111" : "000000",
        "192.0.2.1")).isInstanceOf(ValidationException.class);
    assertThat(mfa.pending(USER, "alice")).contains(e);
    List<String> codes = mfa.confirm(USER, "alice", codeAt(e.secret(), 0), "192.0.2.1");
    assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
    assertThat(mfa.enabled(USER, "alice")).isTrue();
    assertThat(mfa.codesLeft(USER, "alice")).isEqualTo(10);
    assertThatThrownBy(() -> mfa.begin(USER, "alice")).isInstanceOf(ConflictException.class);
  }

  @Test
  void aCodeIsGoodOnceAndAWrongOneCountsForTheDefender() {
    String secret = enable("bob");
    assertThatThrownBy(() -> mfa.verify(USER, "bob", codeAt(secret, 0), "192.0.2.2"))
        .as("the step used to confirm").isInstanceOf(AuthenticationException.class);
    mfa.verify(USER, "bob", codeAt(secret, 1), "192.0.2.2");
    assertThatThrownBy(() -> mfa.verify(USER, "bob", codeAt(secret, 1), "192.0.2.2"))
        .isInstanceOf(AuthenticationException.class);
    assertThat(defender.hosts()).anyMatch(h -> h.ip().equals("192.0.2.2") && h.score() >= 4);
  }

  @Test
  void aRecoveryCodeIsGoodOnceInAnySpelling() {
    enable("carol");
    List<String> codes = mfa.regenerate(USER, "carol", codeAt(repoSecret("carol"), 1), "192.0.2.3");
    mfa.useRecoveryCode(USER, "carol", codes.get(3).toUpperCase().replace("-", " "), "192.0.2.3");
    assertThatThrownBy(() -> mfa.useRecoveryCode(USER, "carol", codes.get(3), "192.0.2.3"))
        .isInstanceOf(AuthenticationException.class);
    assertThat(mfa.codesLeft(USER, "carol")).isEqualTo(9);
  }

  @Test
  void triesAreLimitedPerAccount() {
    MfaService strict = new MfaService(repo, new SecretCipher(new byte[32]), defender, clock,
        new RateLimiter.Limit(1 / 60.0, 2));
    enable("dave");
    for (int i = 0; i < 2; i++)
      assertThatThrownBy(() -> strict.verify(USER, "dave", "999999x", "192.0.2.4"))
          .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> strict.verify(USER, "dave", "999999x", "192.0.2.4"))
        .isInstanceOf(RateLimitedException.class);
    assertThatThrownBy(() -> strict.verify(WebSession.Kind.ADMIN, "dave", "999999x", "192.0.2.4"))
        .as("another account").isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aSealedSecretDoesNotOpenForAnotherAccount() {
    enable("erin");
    MfaAccount a = repo.find(USER, "erin").orElseThrow();
    repo.accounts.put(WebSession.Kind.ADMIN + ":erin",
        new MfaAccount(WebSession.Kind.ADMIN, "erin", a.sealedSecret(), true, 0, a.updatedAt()));
    assertThatThrownBy(() -> mfa.verify(WebSession.Kind.ADMIN, "erin", "123456", "192.0.2.5"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(mfa.disable(new ferry.core.auth.Actor("admin", "192.0.2.5", ferry.core.auth.Role.ADMIN), USER, "erin")).isTrue();
    assertThat(mfa.enabled(USER, "erin")).isFalse();
  }

  private String enable(String user) {
    String secret = mfa.begin(USER, user).secret();
    mfa.confirm(USER, user, codeAt(secret, 0), "192.0.2.9");
    return secret;
  }

  private String repoSecret(String user) {
    return new SecretCipher(new byte[32]).decrypt(MfaService.sealName(USER, user),
        repo.find(USER, user).orElseThrow().sealedSecret());
  }

}
