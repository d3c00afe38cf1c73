package ferry.core.agent;

import ferry.core.error.ConflictException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory AgentRepository for the service's tests (the JDBC one has its own contract suite). */
final class MemoryAgents implements AgentRepository {
  final Map<String, Agent> agents = new LinkedHashMap<>();
  final Map<String, RegistrationCode> codes = new LinkedHashMap<>();

  @Override
  public synchronized void insert(Agent a) {
    boolean taken = agents.values().stream()
        .anyMatch(o -> o.isActive() && o.customer().equals(a.customer()) && o.name().equals(a.name()));
    if (taken) throw new ConflictException("customer " + a.customer() + " already has an agent named " + a.name());
    agents.put(a.id(), a);
  }

  @Override
  public synchronized boolean insertUsingCode(Agent a, String codeHash, Instant now) {
    RegistrationCode c = codes.get(codeHash);
    if (c == null || !c.usableAt(now) || !c.customer().equals(a.customer())) return false;
    insert(a);
    codes.put(codeHash, new RegistrationCode(c.codeHash(), c.customer(), c.createdBy(), c.createdAt(), c.expiresAt(), now));
    return true;
  }

  @Override
  public synchronized Optional<Agent> find(String id) {
    return Optional.ofNullable(agents.get(id)).filter(Agent::isActive);
  }

  @Override
  public synchronized Optional<Agent> findByKeyHash(String keyHash) {
    return agents.values().stream().filter(a -> a.isActive() && a.keyHash().equals(keyHash)).findFirst();
  }

  @Override
  public synchronized Page<Agent> list(AgentQuery q, PageRequest page) {
    List<Agent> all = new ArrayList<>();
    for (Agent a : agents.values()) {
      if (!a.isActive() || (q.customer() != null && !q.customer().equals(a.customer()))) continue;
      if (q.status() != null && a.status(q.now(), q.missedAllowed()) != q.status()) continue;
      all.add(a);
    }
    List<Agent> items = all.stream().skip(page.offset()).limit(page.limit()).toList();
    return new Page<>(items, page.page(), page.limit(), all.size());
  }

  @Override
  public synchronized boolean updateHeartbeat(Agent a) {
    if (find(a.id()).isEmpty()) return false;
    agents.put(a.id(), a);
    return true;
  }

  @Override
  public synchronized boolean updateCertificate(String id, String fingerprint, Instant notAfter) {
    Optional<Agent> a = find(id);
    a.ifPresent(x -> agents.put(id, x.withCertificate(fingerprint, notAfter)));
    return a.isPresent();
  }

  @Override
  public synchronized boolean revoke(String id, Instant at) {
    Optional<Agent> a = find(id);
    a.ifPresent(x -> agents.put(id, x.withRevokedAt(at)));
    return a.isPresent();
  }

  @Override
  public synchronized void insertCode(RegistrationCode code, Instant pruneBefore) {
    codes.values().removeIf(c -> c.expiresAt().isBefore(pruneBefore));
    codes.put(code.codeHash(), code);
  }

  @Override
  public synchronized Optional<RegistrationCode> findCode(String codeHash) {
    return Optional.ofNullable(codes.get(codeHash));
  }
}
