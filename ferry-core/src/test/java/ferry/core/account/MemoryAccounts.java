package ferry.core.account;

import ferry.core.error.ConflictException;
import ferry.core.folder.Folder;
import ferry.core.folder.FolderRepository;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory users, groups and folders for service tests. */
final class MemoryAccounts {
  final Map<String, User> users = new TreeMap<>();
  final Map<String, Group> groups = new TreeMap<>();
  final Map<String, Folder> folders = new TreeMap<>();

  void folder(String name, String mappedPath) {
    folders.put(name, new Folder(folders.size() + 1, name, "", mappedPath, Map.of("provider", 0), Instant.EPOCH,
        Instant.EPOCH));
  }

  final UserRepository userRepo = new UserRepository() {
    @Override
    public long insert(User u) {
      if (users.containsKey(u.username())) throw new ConflictException("taken");
      long id = users.size() + 1;
      users.put(u.username(), withId(u, id));
      return id;
    }

    @Override
    public void update(User u) {
      users.put(u.username(), u);
    }

    @Override
    public Optional<User> find(String username) {
      return Optional.ofNullable(users.get(username));
    }

    @Override
    public Page<User> list(PageRequest page) {
      List<User> all = List.copyOf(users.values());
      return new Page<>(all.subList(Math.min(page.offset(), all.size()), Math.min(page.offset() + page.limit(),
          all.size())), page.page(), page.limit(), all.size());
    }

    @Override
    public List<User> slice(int offset, int limit, boolean descending) {
      List<User> all = new java.util.ArrayList<>(users.values());
      if (descending) java.util.Collections.reverse(all);
      return all.stream().skip(offset).limit(limit).toList();
    }

    @Override
    public Page<User> search(UserQuery q, PageRequest page) {
      java.util.Comparator<User> by = switch (q.sort()) {
        case USERNAME -> java.util.Comparator.comparing(User::username);
        case STATUS -> java.util.Comparator.comparingInt(User::status);
        case LAST_LOGIN -> java.util.Comparator.comparing(User::lastLogin,
            java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        case QUOTA_USAGE -> java.util.Comparator.comparingLong(u -> u.usage().usedSize());
      };
      if (q.descending()) by = by.reversed();
      List<User> all = users.values().stream().filter(q::matches)
          .sorted(by.thenComparing(User::username)).toList();
      return new Page<>(all.subList(Math.min(page.offset(), all.size()), Math.min(page.offset() + page.limit(),
          all.size())), page.page(), page.limit(), all.size());
    }

    @Override
    public boolean delete(String username) {
      return users.remove(username) != null;
    }

    @Override
    public List<String> membersOf(String group) {
      return users.values().stream().filter(u -> u.groups().stream().anyMatch(g -> g.name().equals(group)))
          .map(User::username).toList();
    }

    @Override
    public boolean touchLogin(String username, Instant at, Instant notBefore) {
      User u = users.get(username);
      if (u == null || (u.lastLogin() != null && u.lastLogin().isAfter(notBefore))) return false;
      users.put(username, new User(u.id(), u.username(), u.status(), u.email(), u.description(), u.expirationDate(),
          u.passwordHash(), u.publicKeys(), u.homeDir(), u.permissions(), u.quotaSize(), u.quotaFiles(),
          u.uploadBandwidth(), u.downloadBandwidth(), u.maxSessions(), u.filters(), u.filesystem(), u.groups(),
          u.virtualFolders(), u.additionalInfo(), u.usage(), at, u.passwordChangedAt(), u.createdAt(), u.updatedAt()));
      return true;
    }
  };

  final GroupRepository groupRepo = new GroupRepository() {
    @Override
    public long insert(Group g) {
      if (groups.containsKey(g.name())) throw new ConflictException("taken");
      groups.put(g.name(), g);
      return groups.size();
    }

    @Override
    public void update(Group g) {
      groups.put(g.name(), g);
    }

    @Override
    public Optional<Group> find(String name) {
      return Optional.ofNullable(groups.get(name));
    }

    @Override
    public List<Group> list() {
      return List.copyOf(groups.values());
    }

    @Override
    public boolean delete(String name) {
      return groups.remove(name) != null;
    }
  };

  final FolderRepository folderRepo = new FolderRepository() {
    @Override
    public long insert(Folder f) {
      folders.put(f.name(), f);
      return folders.size();
    }

    @Override
    public void update(Folder f) {
      folders.put(f.name(), f);
    }

    @Override
    public Optional<Folder> find(String name) {
      return Optional.ofNullable(folders.get(name));
    }

    @Override
    public List<Folder> list() {
      return List.copyOf(folders.values());
    }

    @Override
    public boolean delete(String name) {
      return folders.remove(name) != null;
    }
  };

  private static User withId(User u, long id) {
    return new User(id, u.username(), u.status(), u.email(), u.description(), u.expirationDate(), u.passwordHash(),
        u.publicKeys(), u.homeDir(), u.permissions(), u.quotaSize(), u.quotaFiles(), u.uploadBandwidth(),
        u.downloadBandwidth(), u.maxSessions(), u.filters(), u.filesystem(), u.groups(), u.virtualFolders(),
        u.additionalInfo(), u.usage(), u.lastLogin(), u.passwordChangedAt(), u.createdAt(), u.updatedAt());
  }
}
