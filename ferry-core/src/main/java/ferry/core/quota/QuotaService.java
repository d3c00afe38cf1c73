package ferry.core.quota;

import static java.util.Objects.requireNonNull;

import ferry.core.account.UsageRepository;
import ferry.core.account.UsageRepository.Usage;
import ferry.core.auth.Actor;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.folder.StorageTarget;
import ferry.core.session.SessionUser;
import ferry.core.session.SessionUser.Mount;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quota usage as admins manage it: scans that count what a user's or folder's storage really
 * holds (files written around Ferry included), and direct updates that add to or reset the used
 * size and files. At most one scan per user and per folder runs at a time on this node.
 */
public final class QuotaService {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaService.class);

  /** How an update combines with the current usage. */
  public enum Mode {
    /** Adds the given values to the current ones. */
    ADD,
    /** Replaces the current values (the default). */
    RESET
  }

  /** A running scan: the user or folder and when it started. */
  public record Scan(String name, Instant startedAt) {}

  /** The folders of the VFS Library as scans see them. */
  public interface Folders {
    /** Whether a folder with this name exists. */
    boolean exists(String name);

    /**
     * Opens the folder's storage; the caller closes it.
     *
     * @throws IOException when the storage cannot be reached
     */
    Vfs open(String name) throws IOException;
  }

  private final Function<String, Optional<SessionUser>> users;
  private final Folders folders;
  private final VfsProviders providers;
  private final UsageRepository usage;
  private final Executor executor;
  private final Clock clock;
  private final Runnable settle;
  private final Map<String, Scan> userScans = new ConcurrentHashMap<>();
  private final Map<String, Scan> folderScans = new ConcurrentHashMap<>();

  /**
   * @param users the effective settings of a user (groups merged), empty for an unknown one
   * @param usage the usage the file sessions charge, so that a reset also drops pending charges
   * @param executor runs the scans
   * @param settle writes out usage charges still pending (see {@code ferry.core.session.DeferredWriter}),
   *     so that an update is in the next answer
   */
  public QuotaService(Function<String, Optional<SessionUser>> users, Folders folders, VfsProviders providers,
      UsageRepository usage, Executor executor, Clock clock, Runnable settle) {
    this.users = requireNonNull(users, "No users");
    this.folders = requireNonNull(folders, "No folders");
    this.providers = requireNonNull(providers, "No vfs providers");
    this.usage = requireNonNull(usage, "No usage repository");
    this.executor = requireNonNull(executor, "No executor");
    this.clock = requireNonNull(clock, "No clock");
    this.settle = requireNonNull(settle, "No settle hook");
  }

  /**
   * Starts counting the user's home and the virtual folders included in its quota (-1); the
   * result replaces the user's used size and files.
   *
   * @throws NotFoundException for an unknown user
   * @throws ConflictException while a scan of this user runs
   */
  public void startUserScan(Actor actor, String username) {
    actor.requireAdmin("start quota scans");
    SessionUser user = user(username);
    start(userScans, username, "user", () -> {
      long size = 0;
      long files = 0;
      for (Mount m : user.mounts()) {
        boolean sizeInUser = m.isHome() || m.quotaSize() < 0;
        boolean filesInUser = m.isHome() || m.quotaFiles() < 0;
        if (!sizeInUser && !filesInUser) continue;
        Usage u = count(m.storage());
        if (sizeInUser) size += u.size();
        if (filesInUser) files += u.files();
      }
      usage.setUser(username, size, files);
      LOG.info("quota scan of user {}: {} files, {} bytes", username, files, size);
    });
  }

  /**
   * Starts counting a VFS Library folder; the result replaces the folder's used size and files.
   *
   * @throws NotFoundException for an unknown folder
   * @throws ConflictException while a scan of this folder runs
   */
  public void startFolderScan(Actor actor, String name) {
    actor.requireAdmin("start quota scans");
    requireFolder(name);
    start(folderScans, name, "folder", () -> {
      Usage u;
      try (Vfs vfs = folders.open(name)) {
        u = StorageWalk.count(vfs);
      }
      usage.setFolder(name, u.size(), u.files());
      LOG.info("quota scan of folder {}: {} files, {} bytes", name, u.files(), u.size());
    });
  }

  /** The user scans running now, oldest first. */
  public List<Scan> userScans(Actor actor) {
    actor.requireAdmin("view quota scans");
    return sorted(userScans);
  }

  /** The folder scans running now, oldest first. */
  public List<Scan> folderScans(Actor actor) {
    actor.requireAdmin("view quota scans");
    return sorted(folderScans);
  }

  /**
   * Adds to or replaces a user's used size and files.
   *
   * @throws ValidationException for a negative value
   * @throws NotFoundException for an unknown user
   * @throws ConflictException while a scan of this user runs (its result would overwrite the update)
   */
  public void updateUserUsage(Actor actor, String username, long size, long files, Mode mode) {
    actor.requireAdmin("update quota usage");
    requireNonNegative(size, files);
    user(username);
    requireNoScan(userScans, username, "user");
    if (mode == Mode.ADD) usage.addToUser(username, size, files);
    else usage.setUser(username, size, files);
    settle.run();
  }

  /** Like {@link #updateUserUsage}, for a VFS Library folder. */
  public void updateFolderUsage(Actor actor, String name, long size, long files, Mode mode) {
    actor.requireAdmin("update quota usage");
    requireNonNegative(size, files);
    requireFolder(name);
    requireNoScan(folderScans, name, "folder");
    if (mode == Mode.ADD) usage.addToFolder(name, size, files);
    else usage.setFolder(name, size, files);
    settle.run();
  }

  private interface ScanWork {
    void run() throws IOException;
  }

  private void start(Map<String, Scan> running, String name, String kind, ScanWork work) {
    Scan scan = new Scan(name, clock.instant());
    if (running.putIfAbsent(name, scan) != null)
      throw new ConflictException("a quota scan of " + kind + " '" + name + "' is already running");
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (IOException | RuntimeException e) {
          LOG.warn("quota scan of {} {} failed; its usage is unchanged: {}", kind, name, e.toString());
        } finally {
          running.remove(name, scan);
        }
      });
    } catch (RuntimeException e) {
      running.remove(name, scan);
      throw e;
    }
  }

  private Usage count(StorageTarget target) throws IOException {
    try (Vfs vfs = providers.open(target.type(), target.settings())) {
      return StorageWalk.count(vfs);
    }
  }

  private SessionUser user(String username) {
    return users.apply(username).orElseThrow(() -> new NotFoundException("no user named '" + username + "'"));
  }

  private void requireFolder(String name) {
    if (!folders.exists(name)) throw new NotFoundException("no folder named '" + name + "' in the VFS Library");
  }

  private static void requireNoScan(Map<String, Scan> running, String name, String kind) {
    if (running.containsKey(name))
      throw new ConflictException("a quota scan of " + kind + " '" + name + "' is running; update its usage"
          + " once it has finished");
  }

  private static void requireNonNegative(long size, long files) {
    if (size < 0 || files < 0)
      throw new ValidationException("used_quota_size and used_quota_files must not be negative, got " + size + " and "
          + files);
  }

  private static List<Scan> sorted(Map<String, Scan> running) {
    return running.values().stream().sorted(Comparator.comparing(Scan::startedAt).thenComparing(Scan::name)).toList();
  }
}
