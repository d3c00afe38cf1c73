package ferry.core.session;

import ferry.core.transfer.TransferRecord;
import ferry.vfs.VPath;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** What uploads and downloads share: progress for the live list and exactly one record. */
abstract class SessionTransfer {
  final VfsFileSession session;
  final VPath path;
  final MountedVfs mount;
  final String direction;
  final Instant startedAt;
  private final AtomicBoolean recorded = new AtomicBoolean();
  volatile long bytes;

  SessionTransfer(VfsFileSession session, VPath path, MountedVfs mount, String direction) {
    this.session = session;
    this.path = path;
    this.mount = mount;
    this.direction = direction;
    this.startedAt = session.clock().instant();
  }

  ActiveTransfer active() {
    return new ActiveTransfer(path.toString(), direction, bytes, startedAt);
  }

  /** Called when the session ends with this transfer still open. */
  abstract void sessionClosed();

  /**
   * Writes the transfer record unless already written; returns true if this call wrote it.
   *
   * @param sha256 the hex SHA-256 of the whole file, or null when not known
   */
  final boolean finish(boolean ok, String error, String sha256) {
    if (!recorded.compareAndSet(false, true)) {
      return false;
    }
    session.forget(this);
    Instant end = session.clock().instant();
    session.transferLog().write(
        record(session, direction, mount.label(), path.toString(), bytes, Duration.between(startedAt, end),
            ok ? sha256 : null, ok, ok ? null : error, end));
    return true;
  }

  /**
   * The record of a transfer between the client of {@code session} and the storage {@code label}
   * ("home" or a virtual folder): an upload goes from the protocol to the storage, a download back.
   */
  static TransferRecord record(VfsFileSession session, String direction, String label, String vpath, long bytes,
      Duration duration, String sha256, boolean ok, String error, Instant end) {
    boolean upload = direction.equals(TransferRecord.UPLOAD);
    String proto = session.protocol();
    return new TransferRecord(null, upload ? proto : label, vpath, upload ? label : proto, vpath, bytes, duration,
        sha256, ok, error, end, session.user().username(), proto, direction, vpath, session.remoteAddr(),
        session.id());
  }

  final boolean recorded() {
    return recorded.get();
  }
}
