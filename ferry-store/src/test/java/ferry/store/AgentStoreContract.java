package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.account.User;
import ferry.core.account.UserFilters;
import ferry.core.agent.Agent;
import ferry.core.agent.AgentQuery;
import ferry.core.agent.AgentStatus;
import ferry.core.agent.RegistrationCode;
import ferry.core.error.ConflictException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
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

/** Agents and their registration codes on every supported database; subclassed for H2 and PostgreSQL. */
abstract class AgentStoreContract {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");
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
  void agentsRoundTripAndAreFoundByKeyHashWhileActive() {
    Agent a = agent("a1", "alice", "edge", "hash-1").withHeartbeat(T0.plusSeconds(5), 0.5, 512L, "0.2.0", 10)
        .withCertificate("ab".repeat(32), T0.plusSeconds(86_400));
    store.agents().insert(a);
    assertThat(store.agents().find("a1")).contains(a);
    assertThat(store.agents().findByKeyHash("hash-1")).contains(a);
    assertThat(store.agents().revoke("a1", T0.plusSeconds(9))).isTrue();
    assertThat(store.agents().revoke("a1", T0.plusSeconds(9))).isFalse();
    assertThat(store.agents().find("a1")).isEmpty();
    assertThat(store.agents().findByKeyHash("hash-1")).isEmpty();
    assertThat(store.agents().updateHeartbeat(a)).isFalse();
  }

  @Test
  void aNameIsUniquePerCustomerAmongActiveAgents() {
    store.agents().insert(agent("a1", "alice", "edge", "h1"));
    store.agents().insert(agent("b1", "bob", "edge", "h2"));
    assertThatThrownBy(() -> store.agents().insert(agent("a2", "alice", "edge", "h3")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("edge");
    store.agents().revoke("a1", T0);
    store.agents().insert(agent("a2", "alice", "edge", "h3"));
    assertThat(store.agents().find("a2")).isPresent();
  }

  @Test
  void listsFilterByCustomerAndComputedStatus() {
    store.agents().insert(agent("a1", "alice", "fresh", "h1").withHeartbeat(T0.plusSeconds(100), null, null, null, 10));
    store.agents().insert(agent("a2", "alice", "stale", "h2").withHeartbeat(T0.plusSeconds(60), null, null, null, 10));
    store.agents().insert(agent("b1", "bob", "other", "h3"));
    Instant now = T0.plusSeconds(100);
    assertThat(ids(store.agents().list(new AgentQuery("alice", null, now, 3), new PageRequest(1, 10))))
        .containsExactly("a1", "a2");
    // stale: 40 s since its heartbeat, more than 3 x 10 s
    assertThat(ids(store.agents().list(new AgentQuery("alice", AgentStatus.OFFLINE, now, 3), new PageRequest(1, 10))))
        .containsExactly("a2");
    assertThat(ids(store.agents().list(new AgentQuery("alice", AgentStatus.ONLINE, now, 3), new PageRequest(1, 10))))
        .containsExactly("a1");
    assertThat(ids(store.agents().list(new AgentQuery("alice", AgentStatus.ONLINE, now, 4), new PageRequest(1, 10))))
        .containsExactly("a1", "a2");
    Page<Agent> all = store.agents().list(new AgentQuery(null, null, now, 3), new PageRequest(2, 2));
    assertThat(all.total()).isEqualTo(3);
    assertThat(ids(all)).containsExactly("b1");
  }

  @Test
  void aCodeRegistersOneAgentHoweverManyRace() throws Exception {
    store.agents().insertCode(code("c1", "alice", T0.plusSeconds(3600)), T0);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Callable<Boolean>> tries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Agent a = agent("r" + i, "alice", "racer-" + i, "rh" + i);
      tries.add(() -> store.agents().insertUsingCode(a, "c1", T0.plusSeconds(1)));
    }
    int won = 0;
    for (Future<Boolean> f : pool.invokeAll(tries)) if (f.get()) won++;
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(store.agents().findCode("c1").orElseThrow().usedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(store.agents().list(new AgentQuery("alice", null, T0, 3), new PageRequest(1, 20)).total()).isEqualTo(1);
  }

  @Test
  void aCodeServesOnlyItsCustomerBeforeItExpires() {
    store.agents().insertCode(code("c1", "alice", T0.plusSeconds(60)), T0);
    assertThat(store.agents().insertUsingCode(agent("x", "bob", "n", "h"), "c1", T0)).isFalse();
    assertThat(store.agents().insertUsingCode(agent("x", "alice", "n", "h"), "c1", T0.plusSeconds(60))).isFalse();
    assertThat(store.agents().insertUsingCode(agent("x", "alice", "n", "h"), "nope", T0)).isFalse();
    assertThat(store.agents().find("x")).isEmpty();
    assertThat(store.agents().findCode("c1").orElseThrow().usedAt()).isNull();
  }

  @Test
  void aDuplicateNameLeavesTheCodeUnused() {
    store.agents().insert(agent("a1", "alice", "edge", "h1"));
    store.agents().insertCode(code("c1", "alice", T0.plusSeconds(60)), T0);
    assertThatThrownBy(() -> store.agents().insertUsingCode(agent("a2", "alice", "edge", "h2"), "c1", T0))
        .isInstanceOf(ConflictException.class);
    assertThat(store.agents().findCode("c1").orElseThrow().usedAt()).isNull();
    assertThat(store.agents().insertUsingCode(agent("a2", "alice", "edge-2", "h2"), "c1", T0)).isTrue();
  }

  @Test
  void oldCodesArePrunedAndAgentsGoWithTheirCustomer() {
    store.agents().insertCode(code("old", "alice", T0), T0);
    store.agents().insertCode(code("new", "alice", T0.plusSeconds(7200)), T0.plusSeconds(3600));
    assertThat(store.agents().findCode("old")).isEmpty();
    assertThat(store.agents().findCode("new")).isPresent();
    store.agents().insert(agent("a1", "alice", "edge", "h1"));
    store.users().delete("alice");
    assertThat(store.agents().find("a1")).isEmpty();
    assertThat(store.agents().findCode("new")).isEmpty();
  }

  private static List<String> ids(Page<Agent> page) {
    return page.items().stream().map(Agent::id).toList();
  }

  private static Agent agent(String id, String customer, String name, String keyHash) {
    return new Agent(id, name, name + ".example.com", "linux", "0.1.0", customer, null, null, 30, null,
        T0, null, keyHash, null, null);
  }

  private static RegistrationCode code(String hash, String customer, Instant expires) {
    return new RegistrationCode(hash, customer, "admin:admin", T0, expires, null);
  }

  private static User user(String name) {
    return new User(0, name, 1, name + "@example.com", "d", null, "$argon2id$x", List.of(), "/home/" + name,
        Map.of("/", Set.of(Permission.ALL)), 0, 0, 0, 0, 0, UserFilters.NONE, Map.of("provider", 0), List.of(),
        List.of(), "", null, null, T0, T0, T0);
  }
}
