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

  /** Writes the transfer record unless already written; returns true if this call wrote it. */
  final boolean finish(boolean ok, String error) {
    if (!recorded.compareAndSet(false, true)) {
      return false;
    }
    session.forget(this);
    Instant end = session.clock().instant();
    boolean upload = direction.equals(TransferRecord.UPLOAD);
    String vpath = path.toString();
    String proto = session.protocol();
    session.transferLog().write(
        new TransferRecord(
            null,
            upload ? proto : mount.label(),
            vpath,
            upload ? mount.label() : proto,
            vpath,
            bytes,
            Duration.between(startedAt, end),
            null,
            ok,
            ok ? null : error,
            end,
            session.user().username(),
            proto,
            direction,
            vpath,
            session.remoteAddr(),
            session.id()));
    return true;
  }

  final boolean recorded() {
    return recorded.get();
  }
}
