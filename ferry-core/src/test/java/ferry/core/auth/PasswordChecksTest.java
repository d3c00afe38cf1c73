package ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.UnavailableException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordChecksTest {
  @Test
  void aSlowAccountHoldsOneThreadAndOtherAccountsAreStillChecked() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (PasswordChecks checks = new PasswordChecks(2, 16)) {
      // five slow checks of one account (a costly stored hash) ...
      for (int i = 0; i < 5; i++) checks.submit("user:slow", () -> await(release));
      // ... leave a thread for another account
      assertThat(checks.call("user:alice", () -> "checked")).isEqualTo("checked");
      release.countDown();
    }
  }

  @Test
  void aFullQueueIsRefusedInsteadOfWaitingForever() {
    CountDownLatch release = new CountDownLatch(1);
    try (PasswordChecks checks = new PasswordChecks(2, 3)) {
      for (int i = 0; i < 3; i++) checks.submit("user:slow", () -> await(release));
      assertThatThrownBy(() -> checks.submit("user:other", () -> {})).isInstanceOf(UnavailableException.class);
      release.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
