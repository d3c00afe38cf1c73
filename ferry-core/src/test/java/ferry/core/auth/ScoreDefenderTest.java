package ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.ApiKeyServiceTest.MutableClock;
import ferry.core.auth.Defender.Ban;
import ferry.core.auth.Defender.Event;
import ferry.core.auth.Defender.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScoreDefenderTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final String IP = "203.0.113.7";
  private final MutableClock clock = new MutableClock(NOW);

  private ScoreDefender defender(DefenderConfig cfg) {
    return new ScoreDefender(cfg, clock);
  }

  private ScoreDefender defender() {
    return defender(DefenderConfig.defaults());
  }

  private void advance(Duration d) {
    clock.now = clock.now.plus(d);
  }

  @Test
  void aSourceIsBannedWhenItsScoreReachesTheThreshold() {
    ScoreDefender d = defender();
    for (int i = 0; i < 7; i++) d.record(IP, Event.LOGIN_FAILED);
    assertThat(d.score(IP)).isEqualTo(14);
    assertThat(d.isBanned(IP)).isFalse();
    assertThat(d.bans()).isEmpty();
    d.record(IP, Event.BAD_REQUEST);
    assertThat(d.isBanned(IP)).isTrue();
    assertThat(d.bans()).containsExactly(new Ban(IP, NOW.plus(DefenderConfig.DEFAULT_BAN_TIME), 1));
    assertThat(d.admit(IP)).isEmpty();
    assertThat(d.isBanned("203.0.113.8")).isFalse();
  }

  @Test
  void hostsListScoredAndBannedSourcesAndForgetClearsEither() {
    ScoreDefender d = defender();
    d.record("198.51.100.1", Event.LOGIN_FAILED);
    for (int i = 0; i < 8; i++) d.record(IP, Event.LOGIN_FAILED);
    assertThat(d.hosts()).containsExactly(new Defender.Host("198.51.100.1", 2, null),
        new Defender.Host(IP, 0, NOW.plus(DefenderConfig.DEFAULT_BAN_TIME)));
    assertThat(d.forget("198.51.100.1")).isTrue();
    assertThat(d.forget(IP)).isTrue();
    assertThat(d.isBanned(IP)).isFalse();
    assertThat(d.hosts()).isEmpty();
    assertThat(d.forget(IP)).isFalse();
  }

  @Test
  void banListenersHearOfEachNewBanUntilTheyUnregister() {
    ScoreDefender d = defender();
    List<String> heard = new ArrayList<>();
    Defender.Registration registration = d.onBan(heard::add);
    d.onBan(ip -> {
      throw new IllegalStateException("a broken listener does not stop the others");
    });
    for (int i = 0; i < 8; i++) d.record(IP, Event.LOGIN_FAILED);
    d.record(IP, Event.LOGIN_FAILED); // already banned: no new ban
    assertThat(heard).containsExactly(IP);
    registration.close();
    for (int i = 0; i < 8; i++) d.record("203.0.113.8", Event.LOGIN_FAILED);
    assertThat(d.isBanned("203.0.113.8")).isTrue();
    assertThat(heard).containsExactly(IP);
  }

  @Test
  void eachEventKindCarriesItsOwnScore() {
    ScoreDefender d = defender();
    d.record(IP, Event.LOGIN_FAILED);
    d.record(IP, Event.NO_SUCH_USER);
    d.record(IP, Event.BAD_REQUEST);
    d.record(IP, Event.LIMIT_EXCEEDED);
    assertThat(d.score(IP)).isEqualTo(2 + 2 + 1 + 3);
  }

  @Test
  void eventsOlderThanTheObservationWindowNoLongerCount() {
    ScoreDefender d = defender();
    for (int i = 0; i < 7; i++) d.record(IP, Event.LOGIN_FAILED);
    advance(Duration.ofMinutes(20));
    d.record(IP, Event.BAD_REQUEST);
    assertThat(d.isBanned(IP)).isTrue();

    ScoreDefender fresh = defender();
    for (int i = 0; i < 7; i++) fresh.record(IP, Event.LOGIN_FAILED);
    advance(DefenderConfig.DEFAULT_OBSERVATION_WINDOW.plusSeconds(1));
    fresh.record(IP, Event.LOGIN_FAILED);
    assertThat(fresh.score(IP)).isEqualTo(2);
    assertThat(fresh.isBanned(IP)).isFalse();
  }

  @Test
  void aBanExpiresByItself() {
    ScoreDefender d = defender();
    ban(d, IP);
    advance(DefenderConfig.DEFAULT_BAN_TIME.minusSeconds(1));
    assertThat(d.isBanned(IP)).isTrue();
    advance(Duration.ofSeconds(1));
    assertThat(d.isBanned(IP)).isFalse();
    assertThat(d.bans()).isEmpty();
    assertThat(d.admit(IP)).isPresent();
    assertThat(d.score(IP)).isZero();
  }

  @Test
  void eventsWhileBannedDoNotExtendTheBan() {
    ScoreDefender d = defender();
    ban(d, IP);
    advance(Duration.ofMinutes(10));
    for (int i = 0; i < 20; i++) d.record(IP, Event.LOGIN_FAILED);
    assertThat(d.bans()).containsExactly(new Ban(IP, NOW.plus(DefenderConfig.DEFAULT_BAN_TIME), 1));
  }

  @Test
  void repeatOffencesDoubleTheBanUpToTheCap() {
    ScoreDefender d = defender();
    List<Duration> lengths = new ArrayList<>();
    for (int offence = 1; offence <= 8; offence++) {
      Instant start = clock.now;
      ban(d, IP);
      Ban b = d.bans().getFirst();
      assertThat(b.offences()).isEqualTo(offence);
      lengths.add(Duration.between(start, b.until()));
      clock.now = b.until();
    }
    assertThat(lengths).containsExactly(Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(120),
        Duration.ofMinutes(240), Duration.ofMinutes(480), Duration.ofMinutes(960), Duration.ofHours(24),
        Duration.ofHours(24));
  }

  @Test
  void offencesAreForgottenAfterTheOffenceMemory() {
    ScoreDefender d = defender();
    ban(d, IP);
    clock.now = d.bans().getFirst().until().plus(DefenderConfig.DEFAULT_OFFENCE_MEMORY).plusSeconds(1);
    Instant start = clock.now;
    ban(d, IP);
    assertThat(d.bans()).containsExactly(new Ban(IP, start.plus(DefenderConfig.DEFAULT_BAN_TIME), 1));
  }

  @Test
  void unbanLiftsTheBanAndClearsScoreAndOffences() {
    ScoreDefender d = defender();
    ban(d, IP);
    assertThat(d.unban(IP)).isTrue();
    assertThat(d.isBanned(IP)).isFalse();
    assertThat(d.bans()).isEmpty();
    assertThat(d.score(IP)).isZero();
    assertThat(d.unban(IP)).isFalse();
    assertThat(d.unban("198.51.100.1")).isFalse();
    Instant start = clock.now;
    ban(d, IP);
    assertThat(d.bans()).containsExactly(new Ban(IP, start.plus(DefenderConfig.DEFAULT_BAN_TIME), 1));
  }

  @Test
  void connectionsPerIpAreLimitedAndALeaseReleasesItsSlot() {
    ScoreDefender d = defender(DefenderConfig.defaults().withConnectionLimits(2, 0));
    Lease a = d.admit(IP).orElseThrow();
    Lease b = d.admit(IP).orElseThrow();
    assertThat(d.admit(IP)).isEmpty();
    assertThat(d.admit("198.51.100.1")).isPresent();
    a.close();
    a.close(); // a second close must not free a slot that b still holds
    Lease c = d.admit(IP).orElseThrow();
    assertThat(d.admit(IP)).isEmpty();
    b.close();
    c.close();
    assertThat(d.admit(IP)).isPresent();
  }

  @Test
  void theConnectionRateIsLimitedPerSecond() {
    ScoreDefender d = defender(DefenderConfig.defaults().withConnectionLimits(0, 5));
    for (int i = 0; i < 5; i++) d.admit(IP).orElseThrow().close();
    assertThat(d.admit(IP)).isEmpty();
    advance(Duration.ofMillis(199));
    assertThat(d.admit(IP)).isEmpty();
    advance(Duration.ofMillis(1));
    assertThat(d.admit(IP)).isPresent();
    assertThat(d.admit(IP)).isEmpty();
    advance(Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) assertThat(d.admit(IP)).isPresent();
    assertThat(d.admit(IP)).isEmpty();
  }

  @Test
  void refusedConnectionsScoreUntilTheSourceIsBanned() {
    ScoreDefender d = defender(DefenderConfig.defaults().withConnectionLimits(1, 0));
    Lease held = d.admit(IP).orElseThrow();
    for (int i = 0; i < 4; i++) assertThat(d.admit(IP)).isEmpty();
    assertThat(d.score(IP)).isEqualTo(12);
    assertThat(d.isBanned(IP)).isFalse();
    assertThat(d.admit(IP)).isEmpty();
    assertThat(d.isBanned(IP)).isTrue();
    held.close();
    assertThat(d.admit(IP)).isEmpty();
  }

  @Test
  void safeListedSourcesAreNeverScoredBannedOrLimited() {
    ScoreDefender d = defender(DefenderConfig.defaults().withConnectionLimits(1, 1)
        .withSafeList(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1"))));
    for (int i = 0; i < 100; i++) d.record("10.1.2.3", Event.LOGIN_FAILED);
    assertThat(d.isBanned("10.1.2.3")).isFalse();
    for (int i = 0; i < 10; i++) assertThat(d.admit("10.1.2.3")).isPresent();
    for (int i = 0; i < 10; i++) assertThat(d.admit("0:0:0:0:0:0:0:1")).isPresent();
    assertThat(d.trackedHosts()).isZero();
  }

  @Test
  void theDefaultSafeListExemptsNobodyNotEvenLoopback() {
    // behind a reverse proxy on the same machine every caller is loopback (issue 10)
    ScoreDefender d = defender();
    for (int i = 0; i < 8; i++) d.record("127.0.0.1", Event.LOGIN_FAILED);
    assertThat(d.isBanned("127.0.0.1")).isTrue();
    for (int i = 0; i < 8; i++) d.record("::1", Event.LOGIN_FAILED);
    assertThat(d.isBanned("::1")).isTrue();
  }

  @Test
  void addressesAreComparedInCanonicalForm() {
    ScoreDefender d = defender();
    ban(d, "2001:db8::1");
    assertThat(d.isBanned("2001:db8:0:0:0:0:0:1")).isTrue();
    assertThat(d.isBanned("[2001:db8::1]")).isTrue();
    assertThat(d.bans().getFirst().ip()).isEqualTo("2001:db8:0:0:0:0:0:1");
    ban(d, "::ffff:198.51.100.9");
    assertThat(d.isBanned("198.51.100.9")).isTrue();
    assertThat(d.unban(" 198.51.100.9 ")).isTrue();
  }

  @Test
  void idleSourcesAreSweptAway() {
    ScoreDefender d = defender();
    d.record(IP, Event.BAD_REQUEST);
    d.admit("198.51.100.1").orElseThrow().close();
    Lease open = d.admit("198.51.100.2").orElseThrow();
    ban(d, "198.51.100.3");
    assertThat(d.trackedHosts()).isEqualTo(4);
    advance(DefenderConfig.DEFAULT_OBSERVATION_WINDOW.plus(ScoreDefender.SWEEP_INTERVAL));
    d.record("198.51.100.4", Event.BAD_REQUEST);
    // IP's event and .1 have aged out; .2 is connected; .3 has a remembered offence; .4 is new
    assertThat(d.trackedHosts()).isEqualTo(3);
    open.close();
    clock.now = clock.now.plus(DefenderConfig.DEFAULT_OFFENCE_MEMORY).plus(Duration.ofHours(1));
    d.isBanned(IP);
    d.record("198.51.100.5", Event.BAD_REQUEST);
    assertThat(d.trackedHosts()).isEqualTo(1);
  }

  @Test
  void memoryIsBoundedAndBansSurviveAFlood() {
    ScoreDefender d = defender(DefenderConfig.defaults().withMaxHosts(100));
    ban(d, IP);
    for (int i = 0; i < 5000; i++) {
      d.record("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), Event.BAD_REQUEST);
      advance(Duration.ofMillis(1));
      assertThat(d.trackedHosts()).isLessThanOrEqualTo(100);
    }
    assertThat(d.isBanned(IP)).isTrue();
  }

  @Test
  void aFullTableOfBannedSourcesLetsNewSourcesInUntracked() {
    ScoreDefender d = defender(DefenderConfig.defaults().withMaxHosts(3).withConnectionLimits(1, 0));
    for (int i = 1; i <= 3; i++) ban(d, "198.51.100." + i);
    Optional<Lease> a = d.admit(IP);
    Optional<Lease> b = d.admit(IP);
    assertThat(a).isPresent();
    assertThat(b).isPresent();
    assertThat(d.trackedHosts()).isEqualTo(3);
    assertThat(d.bans()).hasSize(3);
  }

  @Test
  void leasesStayConsistentUnderConcurrency() throws Exception {
    ScoreDefender d = defender(DefenderConfig.defaults().withConnectionLimits(20, 0));
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int t = 0; t < 16; t++) done.add(pool.submit(() -> {
        for (int i = 0; i < 2000; i++) {
          Optional<Lease> l = d.admit(IP);
          if (l.isEmpty()) continue;
          admitted.incrementAndGet();
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          inside.decrementAndGet();
          l.get().close();
        }
      }));
      for (Future<?> f : done) f.get();
    }
    assertThat(maxInside.get()).isLessThanOrEqualTo(20);
    assertThat(admitted.get()).isPositive();
    // every slot came back: 20 more fit, the 21st does not
    d.unban(IP);
    for (int i = 0; i < 20; i++) assertThat(d.admit(IP)).isPresent();
    assertThat(d.admit(IP)).isEmpty();
  }

  @Test
  void eventsScoredZeroAreIgnored() {
    Map<Event, Integer> scores = DefenderConfig.defaultScores();
    scores.put(Event.BAD_REQUEST, 0);
    DefenderConfig base = DefenderConfig.defaults();
    ScoreDefender d = defender(new DefenderConfig(scores, base.threshold(), base.observationWindow(), base.banTime(),
        base.banGrowthFactor(), base.maxBanTime(), base.offenceMemory(), base.maxConnectionsPerIp(),
        base.connectionRatePerSecond(), base.safeList(), base.maxHosts()));
    for (int i = 0; i < 100; i++) d.record(IP, Event.BAD_REQUEST);
    assertThat(d.isBanned(IP)).isFalse();
    assertThat(d.trackedHosts()).isZero();
  }

  @Test
  void invalidConfigurationIsRefusedNamingTheKnob() {
    DefenderConfig base = DefenderConfig.defaults();
    assertThatThrownBy(() -> base.withThreshold(0)).hasMessageContaining("threshold");
    assertThatThrownBy(() -> base.withBanTime(Duration.ZERO)).hasMessageContaining("ban time");
    assertThatThrownBy(() -> base.withConnectionLimits(-1, 0)).hasMessageContaining("max connections per IP");
    assertThatThrownBy(() -> base.withConnectionLimits(0, -1)).hasMessageContaining("connection rate");
    assertThatThrownBy(() -> base.withMaxHosts(0)).hasMessageContaining("max hosts");
    assertThat(base.withBanTime(Duration.ofDays(2)).maxBanTime()).isEqualTo(Duration.ofDays(2));
  }

  /** Scores {@code ip} just past the threshold. */
  private static void ban(ScoreDefender d, String ip) {
    while (!d.isBanned(ip)) d.record(ip, Event.LOGIN_FAILED);
  }
}
