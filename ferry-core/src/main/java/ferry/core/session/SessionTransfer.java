package ferry.core.session;

import ferry.core.ReadableUnits;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.VPath;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What uploads and downloads share: progress for the live list and exactly one record.
 *
 * <p>The rule for a transfer cut short (issue 11): a transfer still open when its session ends (the
 * client vanished, an admin closed the connection, the server stopped) is failed, with a reason
 * naming how far it got, e.g. "the client disconnected after 1.8 MiB of 200.0 MiB". Only the
 * client closing its handle ends a transfer normally: a download closed after part of the file
 * stays ok, since clients read ranges on purpose; an upload is ok only once committed. Front ends
 * do not judge: they report a handle left open at the end through {@code abandon}, and close.
 */
abstract class SessionTransfer {
  /** The cause when the session ends with transfers open and nobody said why. */
  static final String CONNECTION_ENDED = "the connection ended";

  final VfsFileSession session;
  final VPath path;
  final MountedVfs mount;
  final String direction;
  final Instant startedAt;
  private final AtomicBoolean recorded = new AtomicBoolean();
  volatile long bytes;
  /** When bytes last moved (epoch millis), for the live list. */
  private volatile long movedAt;

  SessionTransfer(VfsFileSession session, VPath path, MountedVfs mount, String direction) {
    this.session = session;
    this.path = path;
    this.mount = mount;
    this.direction = direction;
    this.startedAt = session.clock().instant();
    this.movedAt = startedAt.toEpochMilli();
  }

  ActiveTransfer active() {
    return new ActiveTransfer(path.toString(), direction, bytes, startedAt, expectedSize(), Instant.ofEpochMilli(movedAt));
  }

  /** Notes that bytes moved now. */
  final void moved() {
    movedAt = session.clock().millis();
  }

  /** Marks this transfer as cut short by {@code cause} (see the class comment); close records it failed. */
  abstract void abandon(String cause);

  /** Ends the transfer and writes its record unless written already. */
  abstract void close();

  /** The size the whole transfer has, or -1 when unknown (an SFTP upload announces none). */
  abstract long expectedSize();

  /** Called when the session ends with this transfer still open. */
  final void sessionClosed() {
    abandon(CONNECTION_ENDED);
    close();
  }

  /**
   * The reason of a transfer cut short: why, then how far it got. The session's own cause (an
   * admin's close, a shutdown) wins over what the front end saw, which is only the lost connection.
   */
  final String cutShort(String cause) {
    String why = session.endCause().orElse(cause == null ? CONNECTION_ENDED : cause);
    long total = expectedSize();
    return why + " after " + ReadableUnits.size(bytes) + (total < 0 ? "" : " of " + ReadableUnits.size(total));
  }

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
