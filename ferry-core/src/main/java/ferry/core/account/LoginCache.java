package ferry.core.account;

import static java.util.Objects.requireNonNull;

import ferry.core.folder.Folder;
import ferry.core.folder.FolderRepository;
import ferry.core.folder.FolderStats;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Users' logins (user row, groups merged, folders mounted) read in the last {@link #TTL}: every
 * /api/v2 request checks its user and opens a session as that user, and reading the user, its
 * groups and its folders each time cost 4 SELECTs per small file (bench/http).
 *
 * <p>Staleness is bounded: a change made through this node's repositories (wrapped by {@link
 * #watching}) drops every entry at once, so this node sees it on the next request; a change made
 * on another node sharing the database (or by the CLI) is seen here at most {@link #TTL} later.
 * Only users that may log in are kept; an expiry date is checked on every hit.
 */
public final class LoginCache {
  /**
   * How long another node's change to a user, group or folder may go unseen here: 1 s, or the
   * system property {@code ferry.login-cache-ms} (0 turns the cache off, e.g. to compare in bench/http).
   */
  public static final Duration TTL = Duration.ofMillis(Long.getLong("ferry.login-cache-ms", 1000));

  private static final int MAX_ENTRIES = 10_000;

  private record Entry(LoginUser login, Instant expires, long loadedAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;

  public LoginCache() {
    this(TTL);
  }

  LoginCache(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  /** A cache that keeps nothing: every lookup reads the database. */
  public static LoginCache disabled() {
    return new LoginCache(Duration.ZERO);
  }

  /** The login of {@code username} as of at most {@link #TTL} ago, else {@code load}'s answer. */
  Optional<LoginUser> get(String username, Instant now, Supplier<Optional<Loaded>> load) {
    if (ttlNanos > 0) {
      Entry e = entries.get(username);
      if (e != null && System.nanoTime() - e.loadedAt() < ttlNanos)
        return e.expires() == null || e.expires().isAfter(now) ? Optional.of(e.login()) : Optional.empty();
    }
    long gen = generation.get();
    long loadedAt = System.nanoTime();
    Optional<Loaded> loaded = load.get();
    if (ttlNanos > 0) {
      if (loaded.isPresent()) {
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        entries.put(username, new Entry(loaded.get().login(), loaded.get().expires(), loadedAt));
        // a change while this was read: the entry may predate it
        if (generation.get() != gen) entries.remove(username);
      } else {
        entries.remove(username);
      }
    }
    return loaded.map(Loaded::login);
  }

  /** Drops every entry: a user, group or folder changed on this node. */
  public void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  /** Runs a write of a repository, then drops every entry (even when the write failed half-way). */
  private <T> T forgetAfter(Supplier<T> write) {
    try {
      return write.get();
    } finally {
      forgetAll();
    }
  }

  private void forgetAfterRun(Runnable write) {
    forgetAfter(() -> {
      write.run();
      return null;
    });
  }

  /** A login as read from the database, with the user's expiry date (null: none). */
  record Loaded(LoginUser login, Instant expires) {}

  /** {@code repo}, telling this cache of every change it writes. */
  public UserRepository watching(UserRepository repo) {
    requireNonNull(repo, "No user repository");
    return new UserRepository() {
      @Override
      public long insert(User user) {
        return forgetAfter(() -> repo.insert(user));
      }

      @Override
      public void update(User user) {
        forgetAfterRun(() -> repo.update(user));
      }

      @Override
      public Optional<User> find(String username) {
        return repo.find(username);
      }

      @Override
      public Page<User> list(PageRequest page) {
        return repo.list(page);
      }

      @Override
      public List<User> slice(int offset, int limit, boolean descending) {
        return repo.slice(offset, limit, descending);
      }

      @Override
      public Page<User> search(UserQuery query, PageRequest page) {
        return repo.search(query, page);
      }

      @Override
      public boolean delete(String username) {
        return forgetAfter(() -> repo.delete(username));
      }

      @Override
      public List<String> membersOf(String group) {
        return repo.membersOf(group);
      }

      @Override
      public boolean touchLogin(String username, Instant at, Instant notBefore) {
        return repo.touchLogin(username, at, notBefore); // no setting a login depends on
      }
    };
  }

  /** {@code repo}, telling this cache of every change it writes. */
  public GroupRepository watching(GroupRepository repo) {
    requireNonNull(repo, "No group repository");
    return new GroupRepository() {
      @Override
      public long insert(Group group) {
        return forgetAfter(() -> repo.insert(group));
      }

      @Override
      public void update(Group group) {
        forgetAfterRun(() -> repo.update(group));
      }

      @Override
      public Optional<Group> find(String name) {
        return repo.find(name);
      }

      @Override
      public List<Group> list() {
        return repo.list();
      }

      @Override
      public boolean delete(String name) {
        return forgetAfter(() -> repo.delete(name));
      }
    };
  }

  /** {@code repo}, telling this cache of every change it writes. */
  public FolderRepository watching(FolderRepository repo) {
    requireNonNull(repo, "No folder repository");
    return new FolderRepository() {
      @Override
      public long insert(Folder folder) {
        return forgetAfter(() -> repo.insert(folder));
      }

      @Override
      public void update(Folder folder) {
        forgetAfterRun(() -> repo.update(folder));
      }

      @Override
      public Optional<Folder> find(String name) {
        return repo.find(name);
      }

      @Override
      public List<Folder> list() {
        return repo.list();
      }

      @Override
      public FolderStats stats(String name) {
        return repo.stats(name);
      }

      @Override
      public boolean delete(String name) {
        return forgetAfter(() -> repo.delete(name));
      }
    };
  }
}
