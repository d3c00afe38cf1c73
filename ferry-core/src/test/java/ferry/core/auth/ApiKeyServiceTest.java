package ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private final MemoryKeys repo = new MemoryKeys();
  private final MutableClock clock = new MutableClock(NOW);
  private final ApiKeyService service = new ApiKeyService(repo, clock);
  private final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);

  @Test
  void aKeyIsShownOnceAndOnlyItsHashIsStored() throws Exception {
    CreatedApiKey k = service.create(admin, new NewApiKey("ci", null, null, null, null));
    assertThat(k.plaintext()).startsWith(k.key().id() + ".");
    String secret = k.plaintext().substring(k.key().id().length() + 1);
    assertThat(repo.find(k.key().id()).orElseThrow().secretHash()).doesNotContain(secret).hasSize(64);
    assertThat(k.key().allowedIps()).containsExactly("127.0.0.1/32", "::1/128");
    Actor a = service.authenticate(k.plaintext(), InetAddress.getByName("127.0.0.1"));
    assertThat(a.role()).isEqualTo(Role.JOBS);
    assertThat(a.who()).isEqualTo("key:" + k.key().id());
  }

  @Test
  void wrongRevokedAndExpiredKeysAreUnauthenticated() throws Exception {
    InetAddress local = InetAddress.getByName("127.0.0.1");
    CreatedApiKey k = service.create(admin, new NewApiKey("ci", KeyScope.ADMIN, null, NOW.plusSeconds(60), null));
    assertThatThrownBy(() -> service.authenticate(k.plaintext() + "x", local)).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> service.authenticate("garbage", local)).isInstanceOf(AuthenticationException.class);
    clock.now = NOW.plusSeconds(61);
    assertThatThrownBy(() -> service.authenticate(k.plaintext(), local)).hasMessageContaining("expired");
    CreatedApiKey k2 = service.create(admin, new NewApiKey("ci2", null, null, null, null));
    service.revoke(admin, k2.key().id());
    assertThatThrownBy(() -> service.authenticate(k2.plaintext(), local)).hasMessageContaining("revoked");
  }

  @Test
  void aCallFromOutsideTheAllowListIsForbiddenNamingTheAddress() throws Exception {
    CreatedApiKey k = service.create(admin, new NewApiKey("ci", null, List.of("10.0.0.0/8"), null, null));
    assertThatThrownBy(() -> service.authenticate(k.plaintext(), InetAddress.getByName("127.0.0.1")))
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("127.0.0.1").hasMessageContaining("10.0.0.0/8");
    assertThat(service.authenticate(k.plaintext(), InetAddress.getByName("10.9.8.7")).role()).isEqualTo(Role.JOBS);
  }

  @Test
  void expiryCanBeShortenedButNeverExtended() {
    CreatedApiKey k = service.create(admin, new NewApiKey("ci", null, null, NOW.plus(Duration.ofDays(10)), null));
    String id = k.key().id();
    assertThat(service.update(admin, id, new ApiKeyUpdate(NOW.plus(Duration.ofDays(5)), null, null)).expiresAt())
        .isEqualTo(NOW.plus(Duration.ofDays(5)));
    assertThatThrownBy(() -> service.update(admin, id, new ApiKeyUpdate(NOW.plus(Duration.ofDays(6)), null, null)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("only be shortened");
  }

  @Test
  void onlyAdminsManageKeys() {
    Actor jobsKey = new Actor("key:x", "127.0.0.1", Role.JOBS);
    assertThatThrownBy(() -> service.create(jobsKey, new NewApiKey("n", null, null, null, null)))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void lastUsedIsWrittenAtMostOncePerResolution() throws Exception {
    CreatedApiKey k = service.create(admin, new NewApiKey("ci", null, null, null, null));
    InetAddress local = InetAddress.getByName("127.0.0.1");
    for (int i = 0; i < 10; i++) service.authenticate(k.plaintext(), local);
    assertThat(repo.touches).isEqualTo(1);
  }

  @Test
  void aKeyIsReadFromTheStoreOncePerCacheLifetime() throws Exception {
    long[] nanos = {0};
    ApiKeyService cached = new ApiKeyService(repo, clock, () -> nanos[0]);
    CreatedApiKey k = cached.create(admin, new NewApiKey("ci", null, null, null, null));
    InetAddress local = InetAddress.getByName("127.0.0.1");
    for (int i = 0; i < 10; i++) cached.authenticate(k.plaintext(), local);
    assertThat(repo.finds).isEqualTo(1);
    nanos[0] += KeyCache.TTL.toNanos();
    cached.authenticate(k.plaintext(), local);
    assertThat(repo.finds).isEqualTo(2);
  }

  @Test
  void aRevocationOrChangeOnThisNodeTakesEffectAtOnceDespiteTheCache() throws Exception {
    ApiKeyService cached = new ApiKeyService(repo, clock, () -> 0);
    InetAddress local = InetAddress.getByName("127.0.0.1");
    CreatedApiKey moved = cached.create(admin, new NewApiKey("moved", null, null, null, null));
    cached.authenticate(moved.plaintext(), local);
    cached.update(admin, moved.key().id(), new ApiKeyUpdate(null, null, List.of("10.0.0.0/8")));
    assertThatThrownBy(() -> cached.authenticate(moved.plaintext(), local)).isInstanceOf(PermissionDeniedException.class);
    CreatedApiKey revoked = cached.create(admin, new NewApiKey("revoked", null, null, null, null));
    cached.authenticate(revoked.plaintext(), local);
    cached.revoke(admin, revoked.key().id());
    assertThatThrownBy(() -> cached.authenticate(revoked.plaintext(), local)).hasMessageContaining("revoked");
  }

  @Test
  void aRevocationOnAnotherNodeTakesEffectWithinTheCacheLifetime() throws Exception {
    long[] nanos = {0};
    ApiKeyService here = new ApiKeyService(repo, clock, () -> nanos[0]);
    ApiKeyService otherNode = new ApiKeyService(repo, clock);
    InetAddress local = InetAddress.getByName("127.0.0.1");
    CreatedApiKey k = here.create(admin, new NewApiKey("ci", null, null, null, null));
    here.authenticate(k.plaintext(), local);
    otherNode.revoke(admin, k.key().id());
    nanos[0] += KeyCache.TTL.toNanos();
    assertThatThrownBy(() -> here.authenticate(k.plaintext(), local)).hasMessageContaining("revoked");
  }

  @Test
  void aWrongSecretIsRefusedEvenForACachedKey() throws Exception {
    CreatedApiKey k = service.create(admin, new NewApiKey("ci", null, null, null, null));
    InetAddress local = InetAddress.getByName("127.0.0.1");
    service.authenticate(k.plaintext(), local);
    assertThatThrownBy(() -> service.authenticate(k.key().id() + ".wrong", local))
        .isInstanceOf(AuthenticationException.class).hasMessage("invalid API key");
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static final class MemoryKeys implements ApiKeyRepository {
    final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    int touches;
    int finds;

    @Override
    public void insert(ApiKey key) {
      keys.put(key.id(), key);
    }

    @Override
    public Optional<ApiKey> find(String id) {
      finds++;
      return Optional.ofNullable(keys.get(id));
    }

    @Override
    public List<ApiKey> list() {
      return new ArrayList<>(keys.values());
    }

    @Override
    public void update(ApiKey key) {
      keys.put(key.id(), key);
    }

    @Override
    public void touch(String id, Instant when) {
      touches++;
      ApiKey k = keys.get(id);
      keys.put(id, k.withLastUsedAt(when));
    }

    @Override
    public boolean delete(String id) {
      return keys.remove(id) != null;
    }

    @Override
    public void deleteByName(String name) {
      keys.values().removeIf(k -> k.name().equals(name));
    }
  }
}
