package ferry.core.session;

import static java.util.Objects.requireNonNull;

import ferry.core.transfer.TransferRecord;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.UploadNames;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server killed mid-upload left behind, cleaned up at its next start (issue 10): for each
 * upload its previous run recorded as in progress, the partial files of that upload are removed
 * from its storage and the upload is logged as failed. Only partial files older than this start
 * are removed, so an upload another node runs on the same storage at this moment is left alone.
 */
public final class InterruptedUploads {
  /** The error of the transfer record of an interrupted upload. */
  public static final String REASON = "server stopped during upload";

  private static final Logger LOG = LoggerFactory.getLogger(InterruptedUploads.class);

  private final OpenUploadRepository repo;
  private final Function<String, Optional<SessionUser>> users;
  private final VfsProviders providers;
  private final TransferLog transferLog;
  private final Clock clock;

  /**
   * @param users the session settings of a user by name, whatever the user's status
   */
  public InterruptedUploads(OpenUploadRepository repo, Function<String, Optional<SessionUser>> users,
      VfsProviders providers, TransferLog transferLog, Clock clock) {
    this.repo = requireNonNull(repo, "No open upload repository");
    this.users = requireNonNull(users, "No users");
    this.providers = requireNonNull(providers, "No vfs providers");
    this.transferLog = requireNonNull(transferLog, "No transfer log");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Cleans up the uploads {@code owner} left in progress; failures are logged, never thrown.
   *
   * @param startedAt when this server started: partial files modified later are not touched
   * @return how many interrupted uploads were found
   */
  public int sweep(String owner, Instant startedAt) {
    List<OpenUpload> left = repo.byOwner(owner);
    for (OpenUpload u : left) {
      try {
        long bytes = removeParts(u, startedAt);
        record(u, bytes);
        repo.delete(u.id());
      } catch (RuntimeException e) {
        LOG.error("Cleaning up the interrupted upload of {} by {} failed", u.path(), u.username(), e);
      }
    }
    if (!left.isEmpty()) {
      LOG.warn("{} upload(s) were interrupted when the server last stopped; logged as failed", left.size());
    }
    return left.size();
  }

  /** Removes the partial files of {@code u}; returns the size of the largest, as its bytes. */
  private long removeParts(OpenUpload u, Instant startedAt) {
    Optional<SessionUser.Mount> mount = users.apply(u.username()).flatMap(s -> s.mounts().stream()
        .filter(m -> java.util.Objects.equals(m.folderName(), u.folderName())).findFirst());
    if (mount.isEmpty()) {
      LOG.warn("The partial file of {} by {} stays: the user or its folder is gone", u.path(), u.username());
      return 0;
    }
    VPath target = VPath.of(u.storagePath());
    long bytes = 0;
    try (Vfs vfs = providers.open(mount.get().storage().type(), mount.get().storage().settings());
        DirLister l = vfs.list(target.parentOrRoot())) {
      List<FileAttrs> batch;
      while (!(batch = l.next(500)).isEmpty()) {
        for (FileAttrs a : batch) {
          if (!a.isDir() && UploadNames.isTempOf(target.name(), a.name()) && a.modified().isBefore(startedAt)) {
            vfs.remove(target.parentOrRoot().child(a.name()));
            bytes = Math.max(bytes, a.size());
            LOG.info("Removed the partial file {} of the interrupted upload of {}", a.name(), u.path());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("The partial file of {} by {} could not be removed: {}", u.path(), u.username(), e.toString());
    }
    return bytes;
  }

  private void record(OpenUpload u, long bytes) {
    Instant now = clock.instant();
    String label = u.folderName() == null ? "home" : u.folderName();
    transferLog.write(new TransferRecord(null, u.protocol(), u.path(), label, u.path(), bytes,
        Duration.between(u.startedAt(), now).abs(), null, false, REASON, now, u.username(), u.protocol(),
        TransferRecord.UPLOAD, u.path(), u.remoteAddr(), u.connId()));
  }
}
