package ferry.core.share;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Shares in a map; {@link #use} is atomic as the database's is. */
final class MemoryShares implements ShareRepository {
  final Map<String, Share> byId = new ConcurrentHashMap<>();

  @Override
  public void insert(Share s) {
    byId.put(s.id(), s);
  }

  @Override
  public Optional<Share> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<Share> list(String username, int offset, int limit, boolean ascending) {
    Comparator<Share> order = Comparator.comparing(Share::id);
    return byId.values().stream().filter(s -> s.username().equals(username))
        .sorted(ascending ? order : order.reversed()).skip(offset).limit(limit).toList();
  }

  @Override
  public boolean update(Share s) {
    return byId.computeIfPresent(s.id(), (k, old) -> old.username().equals(s.username()) ? s : old) == s;
  }

  @Override
  public boolean delete(String id, String username) {
    return byId.computeIfPresent(id, (k, old) -> old.username().equals(username) ? null : old) == null
        && !byId.containsKey(id);
  }

  @Override
  public synchronized boolean use(String id, Instant when) {
    Share s = byId.get(id);
    if (s == null || s.exhausted()) return false;
    byId.put(id, new Share(s.id(), s.name(), s.description(), s.scope(), s.paths(), s.username(), s.createdAt(),
        s.updatedAt(), when, s.expiresAt(), s.passwordHash(), s.maxTokens(), s.usedTokens() + 1, s.allowFrom()));
    return true;
  }
}
