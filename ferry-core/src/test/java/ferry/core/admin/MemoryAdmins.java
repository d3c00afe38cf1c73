package ferry.core.admin;

import ferry.core.error.ConflictException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** An AdminRepository in memory, for service tests. */
final class MemoryAdmins implements AdminRepository {
  final Map<String, Admin> admins = new ConcurrentSkipListMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public Optional<Admin> find(String username) {
    return Optional.ofNullable(admins.get(username));
  }

  @Override
  public boolean insertIfAbsent(Admin admin) {
    return admins.putIfAbsent(admin.username(), admin.withId(ids.incrementAndGet())) == null;
  }

  @Override
  public long count() {
    return admins.size();
  }

  @Override
  public long insert(Admin admin) {
    long id = ids.incrementAndGet();
    if (admins.putIfAbsent(admin.username(), admin.withId(id)) != null)
      throw new ConflictException("an admin named '" + admin.username() + "' already exists");
    return id;
  }

  @Override
  public void update(Admin a) {
    admins.computeIfPresent(a.username(), (k, old) -> new Admin(old.id(), a.username(), a.passwordHash(), a.status(),
        a.email(), a.description(), a.permissions(), a.filters(), a.additionalInfo(), old.createdAt(), a.updatedAt(),
        old.lastLogin()));
  }

  @Override
  public List<Admin> list(int offset, int limit, boolean descending) {
    Comparator<Admin> order = Comparator.comparing(Admin::username);
    return admins.values().stream().sorted(descending ? order.reversed() : order).skip(offset).limit(limit).toList();
  }

  @Override
  public boolean delete(String username) {
    return admins.remove(username) != null;
  }

  @Override
  public long countEnabledSuperAdmins() {
    return admins.values().stream().filter(a -> a.enabled() && a.isSuper()).count();
  }

  @Override
  public void touchLogin(String username, Instant at, Instant notBefore) {
    admins.computeIfPresent(username, (k, a) -> a.lastLogin() != null && a.lastLogin().isAfter(notBefore) ? a
        : new Admin(a.id(), a.username(), a.passwordHash(), a.status(), a.email(), a.description(), a.permissions(),
            a.filters(), a.additionalInfo(), a.createdAt(), a.updatedAt(), at));
  }
}
