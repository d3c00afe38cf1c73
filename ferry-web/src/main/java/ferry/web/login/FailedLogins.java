package ferry.web.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login form's throttle: an address with {@link #LIMIT} failed logins within {@link #WINDOW}
 * may not try again until the oldest of them is older than that. Only failures count, so people
 * who know their password (or share an office's address) are never slowed; a guesser is, besides
 * the Defender's ban. Per node, in memory.
 */
final class FailedLogins {
  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  /** Above this many addresses, those without a recent failure are forgotten. */
  private static final int SWEEP_ABOVE = 10_000;

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  FailedLogins(Clock clock) {
    this.clock = clock;
  }

  /** How long {@code ip} must wait before its next try; zero when it may try now. */
  Duration wait(String ip) {
    Deque<Instant> recent = failures.get(ip);
    if (recent == null) return Duration.ZERO;
    synchronized (recent) {
      Instant cut = clock.instant().minus(WINDOW);
      while (!recent.isEmpty() && recent.peekFirst().isBefore(cut)) recent.pollFirst();
      return recent.size() < LIMIT ? Duration.ZERO : Duration.between(cut, recent.peekFirst());
    }
  }

  /** Records a failed login from {@code ip}. */
  void failed(String ip) {
    if (failures.size() > SWEEP_ABOVE) {
      Instant cut = clock.instant().minus(WINDOW);
      failures.values().removeIf(d -> {
        synchronized (d) {
          return d.isEmpty() || d.peekLast().isBefore(cut);
        }
      });
    }
    Deque<Instant> recent = failures.computeIfAbsent(ip, k -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(clock.instant());
      while (recent.size() > LIMIT) recent.pollFirst();
    }
  }
}
