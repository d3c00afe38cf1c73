package ferry.core.session;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live file sessions of this node; admins list them and close one. Thread-safe. */
public final class Connections {
  private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

  private static final class Entry {
    final VfsFileSession session;
    volatile Runnable closer;

    Entry(VfsFileSession session) {
      this.session = session;
    }
  }

  private final Map<String, Entry> byId = new LinkedHashMap<>();

  /** Every live connection, oldest first. */
  public List<ConnectionInfo> list() {
    List<Entry> entries;
    synchronized (byId) {
      entries = List.copyOf(byId.values());
    }
    return entries.stream()
        .map(e -> e.session.info())
        .sorted(Comparator.comparing(ConnectionInfo::startedAt))
        .toList();
  }

  /** The live connection {@code id}. */
  public Optional<ConnectionInfo> find(String id) {
    Entry e;
    synchronized (byId) {
      e = byId.get(id);
    }
    return Optional.ofNullable(e).map(x -> x.session.info());
  }

  /** How many sessions {@code username} has open. */
  public int count(String username) {
    synchronized (byId) {
      return (int) byId.values().stream().filter(e -> e.session.user().username().equals(username)).count();
    }
  }

  /**
   * Registers how the front end ends connection {@code id} (e.g. closing the SSH session), run by
   * {@link #close}. Without one, close ends only the file session.
   */
  public void onClose(String id, Runnable closer) {
    requireNonNull(closer, "No closer");
    synchronized (byId) {
      Entry e = byId.get(id);
      if (e != null) {
        e.closer = closer;
      }
    }
  }

  /**
   * Closes a live connection on an admin's request.
   *
   * @throws NotFoundException if no connection has this id
   * @throws PermissionDeniedException if the actor is not an admin
   */
  public void close(Actor actor, String id) {
    actor.requireAdmin("close connections");
    Entry e;
    synchronized (byId) {
      e = byId.get(id);
    }
    if (e == null) {
      throw new NotFoundException("no live connection with id " + id);
    }
    LOG.info("Connection {} of {} closed by {}", id, e.session.user().username(), actor.who());
    e.session.ending("an admin (" + actor.who() + ") closed the connection");
    Runnable closer = e.closer;
    try {
      if (closer != null) {
        closer.run();
      }
    } catch (RuntimeException ex) {
      LOG.warn("The close callback of connection {} failed", id, ex);
    } finally {
      e.session.close();
    }
  }

  /**
   * Closes every live session, e.g. at shutdown after the front ends stopped: open uploads are
   * aborted and every open transfer gets its record.
   */
  public void closeAll() {
    List<Entry> entries;
    synchronized (byId) {
      entries = List.copyOf(byId.values());
    }
    for (Entry e : entries) {
      try {
        e.session.ending("the server shut down");
        e.session.close();
      } catch (RuntimeException ex) {
        LOG.error("Closing connection {} failed", e.session.id(), ex);
      }
    }
  }

  /** Adds a session unless its user already has {@code maxSessions} (0 unlimited) open. */
  void register(VfsFileSession session, int maxSessions) {
    String user = session.user().username();
    synchronized (byId) {
      if (maxSessions > 0 && count(user) >= maxSessions) {
        throw new PermissionDeniedException(
            "too many sessions: user " + user + " already has " + maxSessions + " open (max_sessions)");
      }
      byId.put(session.id(), new Entry(session));
    }
  }

  void unregister(String id) {
    synchronized (byId) {
      byId.remove(id);
    }
  }
}
