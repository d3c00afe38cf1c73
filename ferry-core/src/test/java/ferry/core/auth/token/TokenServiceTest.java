package ferry.core.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.AuthenticationException;
import ferry.core.secret.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private final MemoryTokens repo = new MemoryTokens();
  private final SecretCipher cipher = new SecretCipher(new byte[32]);
  private final MutableClock clock = new MutableClock(T0);

  @Test
  void aTokenCarriesItsClaimsAndLivesTwentyMinutes() {
    TokenService tokens = new TokenService(repo, cipher, clock);
    IssuedToken t = tokens.issue("alice", Audience.USER);
    assertThat(t.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
    VerifiedToken v = tokens.verify(t.token(), Audience.USER);
    assertThat(v.username()).isEqualTo("alice");
    assertThat(v.id()).isEqualTo(t.id());
    clock.now = T0.plus(Duration.ofMinutes(20));
    assertThatThrownBy(() -> tokens.verify(t.token(), Audience.USER)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void everyServiceOnOneRepositorySharesTheSealedKey() {
    IssuedToken t = new TokenService(repo, cipher, clock).issue("admin", Audience.ADMIN);
    assertThat(new TokenService(repo, cipher, clock).verify(t.token(), Audience.ADMIN).username()).isEqualTo("admin");
    // sealed at rest: the stored bytes are not the key the tokens are signed with
    assertThat(repo.keys.get(TokenService.KEY_NAME).length).isGreaterThan(32);
    // another database's key does not verify it
    TokenService other = new TokenService(new MemoryTokens(), cipher, clock);
    assertThatThrownBy(() -> other.verify(t.token(), Audience.ADMIN)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aRevokedTokenIsRefusedAndItsRevocationPrunedAfterItsExpiry() {
    TokenService tokens = new TokenService(repo, cipher, clock);
    IssuedToken t = tokens.issue("admin", Audience.ADMIN);
    tokens.revoke(tokens.verify(t.token(), Audience.ADMIN));
    assertThatThrownBy(() -> tokens.verify(t.token(), Audience.ADMIN)).isInstanceOf(AuthenticationException.class);
    clock.now = T0.plus(Duration.ofMinutes(21));
    IssuedToken later = tokens.issue("admin", Audience.ADMIN);
    tokens.revoke(tokens.verify(later.token(), Audience.ADMIN));
    assertThat(repo.revoked).containsOnlyKeys(later.id());
  }

  @Test
  void theAudienceAndTheSignatureAreChecked() {
    TokenService tokens = new TokenService(repo, cipher, clock);
    String admin = tokens.issue("admin", Audience.ADMIN).token();
    assertThatThrownBy(() -> tokens.verify(admin, Audience.USER)).isInstanceOf(AuthenticationException.class);
    String[] parts = admin.split("\\.");
    String unsigned = parts[0].replace(parts[0], "eyJhbGciOiJub25lIn0") + "." + parts[1] + ".";
    assertThatThrownBy(() -> tokens.verify(unsigned, Audience.ADMIN)).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> tokens.verify("garbage", Audience.ADMIN)).isInstanceOf(AuthenticationException.class);
  }

  private static final class MemoryTokens implements TokenRepository {
    final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> findKey(String name) {
      return Optional.ofNullable(keys.get(name));
    }

    @Override
    public boolean insertKeyIfAbsent(String name, byte[] sealed, Instant createdAt) {
      return keys.putIfAbsent(name, sealed) == null;
    }

    @Override
    public void revoke(String id, Instant expiresAt) {
      revoked.putIfAbsent(id, expiresAt);
    }

    @Override
    public boolean isRevoked(String id) {
      return revoked.containsKey(id);
    }

    @Override
    public int pruneRevoked(Instant now) {
      int before = revoked.size();
      revoked.values().removeIf(e -> e.isBefore(now));
      return before - revoked.size();
    }
  }

  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
