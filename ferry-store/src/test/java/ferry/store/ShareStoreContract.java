package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.account.Permission;
import ferry.core.account.User;
import ferry.core.account.UserFilters;
import ferry.core.share.Share;
import ferry.core.share.ShareScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shares on every supported database; subclassed for H2 and PostgreSQL. */
abstract class ShareStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123Z");
  Store store;

  abstract String url();

  void dispose() {}

  @BeforeEach
  void open() {
    store = Store.open(url(), 8);
    store.users().insert(user("alice"));
    store.users().insert(user("bob"));
  }

  @AfterEach
  void close() {
    store.close();
    dispose();
  }

  @Test
  void sharesRoundTripAndAreListedPerOwnerInIdOrder() {
    Share a = share("id-b", "alice", 0, List.of("/docs", "/a b/c.txt"), List.of("10.0.0.0/8", "::1/128"));
    Share b = share("id-a", "alice", 3, List.of("/"), List.of());
    Share c = share("id-c", "bob", 0, List.of("/x"), List.of());
    store.shares().insert(a);
    store.shares().insert(b);
    store.shares().insert(c);
    assertThat(store.shares().find("id-b")).contains(a);
    assertThat(store.shares().list("alice", 0, 10, true)).containsExactly(b, a);
    assertThat(store.shares().list("alice", 0, 10, false)).containsExactly(a, b);
    assertThat(store.shares().list("alice", 1, 10, true)).containsExactly(a);
    assertThat(store.shares().list("bob", 0, 1, true)).containsExactly(c);
  }

  @Test
  void onlyTheOwnerUpdatesOrDeletesAShare() {
    Share a = share("s1", "alice", 0, List.of("/docs"), List.of());
    store.shares().insert(a);
    Share changed = new Share("s1", "renamed", "new", ShareScope.WRITE, List.of("/in"), "alice", T0,
        T0.plusSeconds(9), null, T0.plusSeconds(3600), null, 5, 0, List.of("192.0.2.0/24"));
    assertThat(store.shares().update(withOwner(changed, "bob"))).isFalse();
    assertThat(store.shares().update(changed)).isTrue();
    assertThat(store.shares().find("s1")).contains(changed);
    assertThat(store.shares().delete("s1", "bob")).isFalse();
    assertThat(store.shares().delete("s1", "alice")).isTrue();
    assertThat(store.shares().find("s1")).isEmpty();
  }

  @Test
  void usesNeverPassMaxTokensUnderConcurrency() throws Exception {
    store.shares().insert(share("s1", "alice", 7, List.of("/"), List.of()));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Callable<Boolean>> uses = new ArrayList<>();
    for (int i = 0; i < 30; i++) uses.add(() -> store.shares().use("s1", T0.plusSeconds(60)));
    int granted = 0;
    for (Future<Boolean> f : pool.invokeAll(uses)) if (f.get()) granted++;
    pool.shutdown();
    assertThat(granted).isEqualTo(7);
    Share s = store.shares().find("s1").orElseThrow();
    assertThat(s.usedTokens()).isEqualTo(7);
    assertThat(s.lastUseAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.shares().use("missing", T0)).isFalse();
  }

  @Test
  void sharesWithoutALimitCountEveryUse() {
    store.shares().insert(share("s1", "alice", 0, List.of("/"), List.of()));
    for (int i = 0; i < 3; i++) assertThat(store.shares().use("s1", T0)).isTrue();
    assertThat(store.shares().find("s1").orElseThrow().usedTokens()).isEqualTo(3);
  }

  @Test
  void sharesGoWithTheirOwner() {
    store.shares().insert(share("s1", "alice", 0, List.of("/"), List.of()));
    store.users().delete("alice");
    assertThat(store.shares().find("s1")).isEmpty();
  }

  private static Share share(String id, String owner, int max, List<String> paths, List<String> nets) {
    return new Share(id, "n-" + id, "d", ShareScope.READ, paths, owner, T0, T0.plusSeconds(1), null, null,
        "$argon2id$x", max, 0, nets);
  }

  private static Share withOwner(Share s, String owner) {
    return new Share(s.id(), s.name(), s.description(), s.scope(), s.paths(), owner, s.createdAt(), s.updatedAt(),
        s.lastUseAt(), s.expiresAt(), s.passwordHash(), s.maxTokens(), s.usedTokens(), s.allowFrom());
  }

  private static User user(String name) {
    return new User(0, name, 1, name + "@example.com", "d", null, "$argon2id$x", List.of(), "/home/" + name,
        Map.of("/", Set.of(Permission.ALL)), 0, 0, 0, 0, 0, UserFilters.NONE, Map.of("provider", 0), List.of(),
        List.of(), "", null, null, T0, T0, T0);
  }
}
