package ferry.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.UserRepository;
import ferry.core.auth.Actor;
import ferry.core.customer.CustomerRepository;
import ferry.core.customer.CustomerService;
import ferry.core.error.AuthenticationException;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.page.PageRequest;
import ferry.core.settings.SettingsRepository;
import ferry.core.settings.SettingsService;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentServiceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final MemoryAgents repo = new MemoryAgents();
  private final Set<String> customerNames = new HashSet<>(Set.of("alice", "bob"));
  private final Map<String, String> settingValues = new HashMap<>();
  private final AgentService agents = new AgentService(repo, new CustomerService(customers(), noUsers(), clock),
      new SettingsService(settings()), clock);
  private final Actor admin = Actor.system();

  @Test
  void anAgentIsOnlineUntilItMissesThreeIntervals() {
    Agent a = agents.register(admin, "alice", new NewAgent("edge", "h", "linux", "1", 10)).agent();
    assertThat(agents.status(a)).isEqualTo(AgentStatus.ONLINE);
    clock.advance(Duration.ofSeconds(30));
    assertThat(agents.status(agents.get(a.id()))).isEqualTo(AgentStatus.ONLINE);
    clock.advance(Duration.ofMillis(1));
    assertThat(agents.status(agents.get(a.id()))).isEqualTo(AgentStatus.OFFLINE);
    agents.heartbeat(a.id(), new Heartbeat(null, null, null, null));
    assertThat(agents.status(agents.get(a.id()))).isEqualTo(AgentStatus.ONLINE);
    assertThat(agents.list("alice", AgentStatus.ONLINE, new PageRequest(1, 10)).items()).hasSize(1);
  }

  @Test
  void theMultiplierIsARunTimeSetting() {
    Agent a = agents.register(admin, "alice", new NewAgent("edge", "h", "linux", "1", 10)).agent();
    clock.advance(Duration.ofSeconds(15));
    assertThat(agents.status(a)).isEqualTo(AgentStatus.ONLINE);
    settingValues.put(AgentService.OFFLINE_AFTER_MISSED, "1");
    assertThat(agents.status(a)).isEqualTo(AgentStatus.OFFLINE);
    settingValues.put(AgentService.OFFLINE_AFTER_MISSED, "lots");
    assertThat(agents.missedAllowed()).isEqualTo(AgentService.DEFAULT_OFFLINE_AFTER_MISSED);
  }

  @Test
  void aKeyAuthenticatesItsAgentUntilRevokedOrItsCustomerLosesTheRole() {
    RegisteredAgent r = agents.register(admin, "alice", new NewAgent("edge", "h", "linux", "1", null));
    assertThat(r.apiKey()).startsWith("mft_ak_");
    assertThat(r.toString()).doesNotContain(r.apiKey());
    assertThat(r.agent().keyHash()).isNotEqualTo(r.apiKey()).doesNotContain(r.apiKey().substring(7));
    assertThat(agents.authenticate(r.apiKey())).map(Agent::id).contains(r.agent().id());
    assertThat(agents.authenticate(r.apiKey() + "x")).isEmpty();
    assertThat(agents.authenticate("mft_ak_")).isEmpty();
    assertThat(agents.authenticate(null)).isEmpty();

    customerNames.remove("alice");
    assertThat(agents.authenticate(r.apiKey())).isEmpty();
    customerNames.add("alice");
    agents.revoke(admin, r.agent().id());
    assertThat(agents.authenticate(r.apiKey())).isEmpty();
    assertThatThrownBy(() -> agents.revoke(admin, r.agent().id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aCodeWorksOnceForItsCustomerBeforeItExpires() {
    CreatedCode c = agents.createCode(admin, "alice", Duration.ofMinutes(5));
    assertThat(c.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(c.toString()).doesNotContain(c.code());
    assertThat(repo.codes.keySet()).doesNotContain(c.code());

    assertThatThrownBy(() -> agents.registerWithCode(c.code(), "bob", agent("x")))
        .isInstanceOf(AuthenticationException.class);
    RegisteredAgent r = agents.registerWithCode(c.code(), "alice", agent("x"));
    assertThat(r.agent().customer()).isEqualTo("alice");
    assertThatThrownBy(() -> agents.registerWithCode(c.code(), null, agent("y")))
        .isInstanceOf(AuthenticationException.class);

    CreatedCode later = agents.createCode(admin, "bob", null);
    assertThat(later.expiresAt()).isEqualTo(clock.instant().plus(AgentService.DEFAULT_CODE_LIFETIME));
    clock.advance(AgentService.DEFAULT_CODE_LIFETIME);
    assertThatThrownBy(() -> agents.registerWithCode(later.code(), null, agent("z")))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aDuplicateNameIsAConflictAndBadInputNamesItsField() {
    agents.register(admin, "alice", agent("edge"));
    assertThatThrownBy(() -> agents.register(admin, "alice", agent("edge"))).isInstanceOf(ConflictException.class);
    assertThat(field(() -> agents.register(admin, "alice", agent(" ")))).isEqualTo("name");
    assertThat(field(() -> agents.register(admin, "alice", agent("a\nb")))).isEqualTo("name");
    assertThat(field(() -> agents.register(admin, "carol", agent("c")))).isEqualTo("customerIdentifier");
    assertThat(field(() -> agents.createCode(admin, "alice", Duration.ofDays(8)))).isEqualTo("expiresInMinutes");
    assertThat(field(() -> agents.createCode(admin, "carol", null))).isEqualTo("customer");
    Agent a = agents.register(admin, "bob", agent("b")).agent();
    assertThat(field(() -> agents.heartbeat(a.id(), new Heartbeat(-0.1, null, null, null)))).isEqualTo("load");
    assertThat(field(() -> agents.heartbeat(a.id(), new Heartbeat(null, null, null, 0)))).isEqualTo("heartbeatInterval");
  }

  @Test
  void aCertificateAuthenticatesOnlyWithItsRecordedFingerprint() {
    Agent a = agents.register(admin, "alice", agent("edge")).agent();
    assertThat(agents.authenticateCertificate(a.id(), "AB")).isEmpty();
    agents.recordCertificate(a.id(), "ab", clock.instant().plusSeconds(3600));
    assertThat(agents.authenticateCertificate(a.id(), "AB")).isPresent();
    assertThat(agents.authenticateCertificate(a.id(), "cd")).isEmpty();
    agents.revoke(admin, a.id());
    assertThat(agents.authenticateCertificate(a.id(), "ab")).isEmpty();
  }

  private static NewAgent agent(String name) {
    return new NewAgent(name, "host", "linux", "0.1.0", null);
  }

  private static String field(Runnable r) {
    try {
      r.run();
    } catch (ValidationException e) {
      return String.valueOf(e.details().get("field"));
    }
    throw new AssertionError("no ValidationException");
  }

  private CustomerRepository customers() {
    return new CustomerRepository() {
      @Override
      public boolean add(String username, Instant at) {
        return customerNames.add(username);
      }

      @Override
      public boolean remove(String username) {
        return customerNames.remove(username);
      }

      @Override
      public boolean isCustomer(String username) {
        return customerNames.contains(username);
      }

      @Override
      public List<String> list() {
        return customerNames.stream().sorted().toList();
      }
    };
  }

  private SettingsRepository settings() {
    return new SettingsRepository() {
      @Override
      public Map<String, String> all() {
        return Map.copyOf(settingValues);
      }

      @Override
      public void put(String key, String value) {
        settingValues.put(key, value);
      }
    };
  }

  /** The service never reaches users: only CustomerService.grant does. */
  private static UserRepository noUsers() {
    return (UserRepository) Proxy.newProxyInstance(UserRepository.class.getClassLoader(),
        new Class<?>[] {UserRepository.class}, (p, m, args) -> {
          throw new UnsupportedOperationException(m.getName());
        });
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
