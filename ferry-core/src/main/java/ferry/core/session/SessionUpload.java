package ferry.core.session;

import ferry.core.Ids;
import ferry.core.error.QuotaExceededException;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upload through the backend's atomic {@link Upload}, held to the quota and the bandwidth limit.
 * The quota is charged with the size difference once the file is published.
 */
final class SessionUpload extends SessionTransfer implements FileSession.Upload {
  private static final Logger LOG = LoggerFactory.getLogger(SessionUpload.class);

  private final Upload upload;
  private final QuotaScope quota;
  private final boolean newFile;
  private final long oldSize;
  private final long startPosition;
  private final long maxSize;
  private final boolean resume;
  private final Pacer pacer;
  private final String id;
  private final WholeFileDigest digest;
  private String failure;
  private long announcedSize = -1;
  private Instant modified;
  private boolean committed;
  private boolean closed;

  /** The settings of one upload, decided by the session before the backend upload opened. */
  record Plan(
      QuotaScope quota, boolean newFile, long oldSize, long maxSize, boolean resume, Pacer pacer, String storagePath) {}

  SessionUpload(VfsFileSession session, VPath path, MountedVfs mount, Upload upload, Plan plan) {
    super(session, path, mount, TransferRecord.UPLOAD);
    this.upload = upload;
    this.quota = plan.quota();
    this.newFile = plan.newFile();
    this.oldSize = plan.oldSize();
    this.maxSize = plan.maxSize();
    this.resume = plan.resume();
    this.pacer = plan.pacer();
    this.startPosition = upload.position();
    this.digest = new WholeFileDigest(startPosition); // a resumed upload has no sum of the whole file
    this.id = Ids.newId();
    session.openUploads().started(new OpenUpload(id, session.openUploads().owner(), session.user().username(),
        session.protocol(), session.remoteAddr(), session.id(), mount.mount().folderName(), path.toString(),
        plan.storagePath(), startedAt));
  }

  @Override
  public synchronized void write(long offset, ByteBuffer src) throws IOException {
    ensureWritable();
    long pos = upload.position();
    if (offset != pos) {
      throw new IOException(
          path + ": writes must be sequential; got offset " + offset + ", expected " + pos);
    }
    int n = src.remaining();
    if (pos + n > maxSize) {
      failure = quota.overrun(path.toString(), maxSize);
      throw new QuotaExceededException(failure);
    }
    digest.add(pos, src);
    try {
      upload.write(src);
    } catch (IOException | RuntimeException e) {
      failure = message(e);
      throw e;
    }
    bytes = upload.position() - startPosition;
    moved();
    pacer.pace(n);
  }

  private void ensureWritable() throws IOException {
    if (closed) {
      throw new IOException(path + ": upload already closed");
    }
    if (committed) {
      throw new IOException(path + ": upload already committed");
    }
    if (failure != null) {
      throw new IOException(path + ": upload failed earlier: " + failure);
    }
  }

  @Override
  public synchronized long position() {
    return upload.position();
  }

  @Override
  public synchronized void sync() throws IOException {
    ensureWritable();
    upload.sync();
    session.openUploads().persist(id); // what the client made durable survives a crash as a record too
  }

  @Override
  public synchronized void commit() throws IOException {
    ensureWritable();
    try {
      upload.commit();
    } catch (FileSystemException e) {
      FileSystemException v = VirtualErrors.translate(e, path);
      failure = v.getMessage();
      throw v;
    } catch (IOException | RuntimeException e) {
      failure = message(e);
      throw e;
    }
    committed = true;
    quota.charge(upload.position() - oldSize, newFile ? 1 : 0);
    finish(true, null, digest.hexIfWhole(upload.position()));
    if (modified != null) {
      try {
        session.applyModified(path, modified);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Setting the modification time of {} failed: {}", path, e.toString()); // the upload stands
      }
    }
  }

  @Override
  public synchronized void setModified(Instant time) throws IOException {
    session.requireChtimes(path);
    modified = time;
  }

  @Override
  public synchronized void expectSize(long size) {
    announcedSize = size;
  }

  @Override
  long expectedSize() {
    return announcedSize;
  }

  @Override
  public synchronized void abandon(String cause) {
    if (!committed && !closed && failure == null) {
      failure = cutShort(cause);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        upload.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Aborting the upload of {} failed: {}", path, e.toString());
      }
      if (!committed && resume) {
        // An appending upload keeps what it wrote, so the quota has to count it now.
        long written = upload.position() - oldSize;
        quota.charge(written, newFile ? 1 : 0);
      }
      if (!committed && failure == null) {
        failure = "upload closed before it was completed";
      }
    }
    finish(committed, failure, null); // a committed upload was recorded, with its sum, by commit
    session.openUploads().ended(id);
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
