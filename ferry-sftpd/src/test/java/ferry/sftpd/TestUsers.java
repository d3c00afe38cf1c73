package ferry.sftpd;

import ferry.core.account.LoginUser;
import ferry.core.account.UserDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Users kept in memory; the password "hash" is the password itself. */
final class TestUsers implements UserDirectory {
  final Map<String, LoginUser> users = new ConcurrentHashMap<>();
  final List<String> loggedIn = new java.util.concurrent.CopyOnWriteArrayList<>();
  final List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Password checks run, against a real user's hash or any other. */
  final AtomicInteger passwordChecks = new AtomicInteger();

  TestUsers add(LoginUser u) {
    users.put(u.username(), u);
    return this;
  }

  @Override
  public Optional<LoginUser> findLoginUser(String username) {
    lookups.add(username);
    return Optional.ofNullable(users.get(username));
  }

  /** How long each password check takes. */
  volatile Duration passwordDelay = Duration.ZERO;

  @Override
  public boolean checkPassword(LoginUser user, String password) {
    passwordChecks.incrementAndGet();
    Duration delay = passwordDelay;
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay); // a slow hash, as argon2 is
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return user.passwordHash() != null && user.passwordHash().equals(password);
  }

  @Override
  public boolean allowsAddress(LoginUser user, String ip) {
    return !user.deniedIps().contains(ip);
  }

  @Override
  public void loggedIn(String username) {
    loggedIn.add(username);
  }
}
