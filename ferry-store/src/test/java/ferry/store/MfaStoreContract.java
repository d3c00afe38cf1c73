package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.mfa.MfaAccount;
import ferry.core.auth.web.WebSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Second factors of web logins on every supported database; subclassed for H2 and PostgreSQL. */
abstract class MfaStoreContract extends OpenStore {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");
  private static final WebSession.Kind USER = WebSession.Kind.USER;
  private static final WebSession.Kind ADMIN = WebSession.Kind.ADMIN;

  private static MfaAccount pending(WebSession.Kind kind, String name, byte[] sealed) {
    return new MfaAccount(kind, name, sealed, false, Long.MIN_VALUE, T0);
  }

  @Test
  void aPendingSecretIsReplacedUntilEnabledThenStays() {
    assertThat(store.mfa().savePending(pending(USER, "alice", new byte[] {1, 2}))).isTrue();
    assertThat(store.mfa().savePending(pending(USER, "alice", new byte[] {3, 4}))).isTrue();
    MfaAccount a = store.mfa().find(USER, "alice").orElseThrow();
    assertThat(a.sealedSecret()).containsExactly(3, 4);
    assertThat(a.enabled()).isFalse();
    assertThat(a.lastStep()).isEqualTo(Long.MIN_VALUE);
    assertThat(a.updatedAt()).isEqualTo(T0);
    assertThat(store.mfa().find(ADMIN, "alice")).as("per kind").isEmpty();

    assertThat(store.mfa().enable(USER, "alice", 100, List.of("h1", "h2"), T0.plusSeconds(5))).isTrue();
    assertThat(store.mfa().enable(USER, "alice", 101, List.of("h3"), T0)).as("not pending any more").isFalse();
    MfaAccount on = store.mfa().find(USER, "alice").orElseThrow();
    assertThat(on.enabled()).isTrue();
    assertThat(on.lastStep()).isEqualTo(100);
    assertThat(on.updatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(store.mfa().savePending(pending(USER, "alice", new byte[] {9}))).isFalse();
    assertThat(store.mfa().find(USER, "alice").orElseThrow().sealedSecret()).containsExactly(3, 4);
    assertThat(store.mfa().enable(USER, "nobody", 1, List.of(), T0)).isFalse();
  }

  @Test
  void aStepIsAcceptedOnceAndOnlyForward() {
    store.mfa().savePending(pending(USER, "bob", new byte[] {1}));
    assertThat(store.mfa().advance(USER, "bob", 5)).as("not enabled").isFalse();
    store.mfa().enable(USER, "bob", 10, List.of(), T0);
    assertThat(store.mfa().advance(USER, "bob", 10)).isFalse();
    assertThat(store.mfa().advance(USER, "bob", 9)).isFalse();
    assertThat(store.mfa().advance(USER, "bob", 11)).isTrue();
    assertThat(store.mfa().find(USER, "bob").orElseThrow().lastStep()).isEqualTo(11);
  }

  @Test
  void concurrentUsesOfOneStepOrOneCodeSucceedOnce() throws Exception {
    store.mfa().savePending(pending(ADMIN, "root", new byte[] {1}));
    store.mfa().enable(ADMIN, "root", 1, List.of("c1", "c2"), T0);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Callable<Boolean>> tries = new ArrayList<>();
    for (int i = 0; i < 12; i++) tries.add(() -> store.mfa().advance(ADMIN, "root", 2));
    for (int i = 0; i < 12; i++) tries.add(() -> store.mfa().useCode(ADMIN, "root", "c1"));
    int granted = 0;
    for (Future<Boolean> f : pool.invokeAll(tries)) if (f.get()) granted++;
    pool.shutdown();
    assertThat(granted).isEqualTo(2);
    assertThat(store.mfa().codesLeft(ADMIN, "root")).isEqualTo(1);
  }

  @Test
  void recoveryCodesAreReplacedAndRemovedWithTheFactor() {
    store.mfa().savePending(pending(USER, "carol", new byte[] {1}));
    store.mfa().enable(USER, "carol", 1, List.of("a", "b", "c"), T0);
    store.mfa().savePending(pending(USER, "dave", new byte[] {1}));
    store.mfa().enable(USER, "dave", 1, List.of("a"), T0);
    assertThat(store.mfa().codesLeft(USER, "carol")).isEqualTo(3);
    store.mfa().replaceCodes(USER, "carol", List.of("x", "y"));
    assertThat(store.mfa().useCode(USER, "carol", "a")).isFalse();
    assertThat(store.mfa().useCode(USER, "carol", "x")).isTrue();
    assertThat(store.mfa().useCode(USER, "carol", "x")).isFalse();
    assertThat(store.mfa().codesLeft(USER, "carol")).isEqualTo(1);
    assertThat(store.mfa().delete(USER, "carol")).isTrue();
    assertThat(store.mfa().delete(USER, "carol")).isFalse();
    assertThat(store.mfa().find(USER, "carol")).isEmpty();
    assertThat(store.mfa().codesLeft(USER, "carol")).isZero();
    assertThat(store.mfa().useCode(USER, "dave", "a")).as("another account's codes stay").isTrue();
  }
}
