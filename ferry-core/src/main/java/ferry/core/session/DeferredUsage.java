package ferry.core.session;

import ferry.core.account.UsageRepository;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Quota usage whose additions reach the database on a background executor a moment after the
 * first charge, summed per account while they wait (2,000 small uploads in a burst become a few
 * UPDATEs). Reads add what is still pending, so this node's quota checks never miss a charge; the
 * lock makes a read see each delta either pending or stored, never both or neither.
 */
final class DeferredUsage implements UsageRepository {
  private record Key(boolean folder, String name) {}

  private record Delta(long size, long files) {
    Delta plus(Delta d) {
      return new Delta(size + d.size, files + d.files);
    }
  }

  private final UsageRepository store;
  private final Executor later;
  private final ConcurrentHashMap<Key, Delta> pending = new ConcurrentHashMap<>();
  private final Object lock = new Object();

  /** Writes an account's pending charges on {@code later}, which runs them a moment after the first. */
  DeferredUsage(UsageRepository store, Executor later) {
    this.store = store;
    this.later = later;
  }

  @Override
  public Usage user(String username) {
    return read(new Key(false, username));
  }

  @Override
  public Usage folder(String folderName) {
    return read(new Key(true, folderName));
  }

  private Usage read(Key key) {
    synchronized (lock) {
      Usage stored = key.folder() ? store.folder(key.name()) : store.user(key.name());
      Delta d = pending.get(key);
      return d == null
          ? stored
          : new Usage(Math.max(0, stored.size() + d.size()), Math.max(0, stored.files() + d.files()));
    }
  }

  @Override
  public void addToUser(String username, long size, long files) {
    add(new Key(false, username), new Delta(size, files));
  }

  @Override
  public void addToFolder(String folderName, long size, long files) {
    add(new Key(true, folderName), new Delta(size, files));
  }

  // A replacement drops what is still pending for the account: the new value already covers it.
  @Override
  public void setUser(String username, long size, long files) {
    synchronized (lock) {
      pending.remove(new Key(false, username));
      store.setUser(username, size, files);
    }
  }

  @Override
  public void setFolder(String folderName, long size, long files) {
    synchronized (lock) {
      pending.remove(new Key(true, folderName));
      store.setFolder(folderName, size, files);
    }
  }

  private void add(Key key, Delta delta) {
    boolean[] first = new boolean[1];
    pending.compute(
        key,
        (k, old) -> {
          first[0] = old == null;
          return old == null ? delta : old.plus(delta);
        });
    if (first[0]) {
      later.execute(() -> flush(key));
    }
  }

  /** Writes every pending charge now (on the caller's thread). */
  void flushAll() {
    for (Key key : pending.keySet()) {
      flush(key);
    }
  }

  private void flush(Key key) {
    synchronized (lock) {
      Delta d = pending.remove(key);
      if (d == null || (d.size() == 0 && d.files() == 0)) {
        return;
      }
      if (key.folder()) {
        store.addToFolder(key.name(), d.size(), d.files());
      } else {
        store.addToUser(key.name(), d.size(), d.files());
      }
    }
  }
}
