package ferry.vfs.s3;

import ferry.vfs.AbstractUpload;
import ferry.vfs.VPath;
import ferry.vfs.VfsErrors;
import ferry.vfs.WriteMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Buffers one part at a time; small files go up in one PUT on commit, larger ones as a multipart
 * upload with at most {@code concurrency} parts in flight, completed on commit and aborted on
 * close. Memory is bounded by {@code partSize × (concurrency + 1)}. A commit succeeds only once
 * {@link S3UploadCheck} found the stored object to be what was sent.
 */
final class S3Upload extends AbstractUpload {
  private static final Logger LOG = LoggerFactory.getLogger(S3Upload.class);
  private static final int INITIAL_BUFFER = 64 * 1024;
  private static final String OCTETS = "application/octet-stream";

  private final S3Vfs vfs;
  private final VPath path;
  private final String key;
  private final WriteMode mode;
  private final int partSize;
  private final Semaphore slots;
  private final ExecutorService pool;
  private final List<Future<CompletedPart>> parts = new ArrayList<>();
  private byte[] buffer = new byte[INITIAL_BUFFER];
  private int filled;
  private String uploadId;

  S3Upload(
      S3Vfs vfs, VPath path, WriteMode mode, int partSize, int concurrency, ExecutorService pool) {
    super(vfs.where(path), 0);
    this.vfs = vfs;
    this.path = path;
    this.key = vfs.key(path);
    this.mode = mode;
    this.partSize = partSize;
    this.slots = new Semaphore(concurrency);
    this.pool = pool;
  }

  @Override
  protected void doWrite(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      if (filled == buffer.length) {
        if (buffer.length < partSize) {
          buffer = Arrays.copyOf(buffer, Math.min(partSize, buffer.length * 2));
        } else {
          flushPart();
        }
      }
      int n = Math.min(src.remaining(), buffer.length - filled);
      src.get(buffer, filled, n);
      filled += n;
    }
  }

  private void flushPart() throws IOException {
    if (uploadId == null) {
      uploadId =
          S3Errors.call(
                  where(),
                  () ->
                      vfs.client()
                          .createMultipartUpload(
                              b ->
                                  b.bucket(vfs.bucket())
                                      .key(key)
                                      .checksumAlgorithm(vfs.uploadChecksum())))
              .uploadId();
    }
    failFastOnFinishedParts();
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(where() + ": interrupted while waiting for a part slot");
    }
    byte[] data = buffer;
    int length = filled;
    int number = parts.size() + 1;
    String id = uploadId;
    try {
      parts.add(pool.submit(() -> uploadPart(id, number, data, length)));
    } catch (RejectedExecutionException e) {
      slots.release();
      throw new IOException(where() + ": file system is closed", e);
    }
    buffer = new byte[partSize];
    filled = 0;
  }

  private CompletedPart uploadPart(String id, int number, byte[] data, int length)
      throws IOException {
    try {
      UploadPartResponse r =
          vfs.client()
              .uploadPart(
                  b ->
                      b.bucket(vfs.bucket())
                          .key(key)
                          .uploadId(id)
                          .partNumber(number)
                          .contentLength((long) length)
                          .checksumAlgorithm(vfs.uploadChecksum()),
                  RequestBody.fromContentProvider(
                      () -> new ByteArrayInputStream(data, 0, length), length, OCTETS));
      S3UploadCheck.checkPart(
          vfs,
          path,
          number,
          S3UploadCheck.md5(data, length),
          r.eTag(),
          r.serverSideEncryption(),
          r.sseCustomerAlgorithm());
      return CompletedPart.builder()
          .partNumber(number)
          .eTag(r.eTag())
          .checksumCRC32(r.checksumCRC32())
          .build();
    } finally {
      slots.release();
    }
  }

  private void failFastOnFinishedParts() throws IOException {
    for (Future<CompletedPart> f : parts) {
      if (f.isDone()) {
        result(f);
      }
    }
  }

  private CompletedPart result(Future<CompletedPart> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(where() + ": interrupted while uploading");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SdkException sdk) {
        throw S3Errors.translate(sdk, where());
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(where() + ": part upload failed", e.getCause());
    }
  }

  @Override
  protected void doCommit() throws IOException {
    if (uploadId == null) {
      refuseExisting();
      byte[] data = buffer;
      int length = filled;
      S3Errors.call(
          where(),
          () ->
              vfs.client()
                  .putObject(
                      b -> b.bucket(vfs.bucket()).key(key).contentLength((long) length),
                      RequestBody.fromContentProvider(
                          () -> new ByteArrayInputStream(data, 0, length), length, OCTETS)));
      S3UploadCheck.checkStored(vfs, path, length, S3UploadCheck.md5(data, length));
      buffer = null;
      return;
    }
    if (filled > 0) {
      flushPart();
    }
    List<CompletedPart> done = new ArrayList<>(parts.size());
    for (Future<CompletedPart> f : parts) {
      done.add(result(f));
    }
    refuseExisting();
    String id = uploadId;
    S3Errors.call(
        where(),
        () ->
            vfs.client()
                .completeMultipartUpload(
                    b ->
                        b.bucket(vfs.bucket())
                            .key(key)
                            .uploadId(id)
                            .multipartUpload(m -> m.parts(done))));
    uploadId = null;
    buffer = null;
    // Each part's ETag was checked against its MD5 on the way; the whole object by its size.
    S3UploadCheck.checkStored(vfs, path, position(), "");
  }

  /** S3 has no cheap atomic create-if-absent everywhere, so CREATE_NEW re-checks just before. */
  private void refuseExisting() throws IOException {
    if (mode == WriteMode.CREATE_NEW && vfs.head(path).isPresent()) {
      throw VfsErrors.alreadyExists(where(), null);
    }
  }

  @Override
  protected void doAbort() throws IOException {
    buffer = null;
    if (uploadId == null) {
      return;
    }
    // The SDK refuses to run on an interrupted thread, and an orphaned multipart upload costs
    // storage until a lifecycle rule removes it: clear the flag for the cleanup, restore it after.
    boolean interrupted = Thread.interrupted();
    try {
      for (Future<CompletedPart> f : parts) {
        awaitQuietly(f);
      }
      String id = uploadId;
      try {
        vfs.client().abortMultipartUpload(b -> b.bucket(vfs.bucket()).key(key).uploadId(id));
      } catch (S3Exception e) {
        if (e.statusCode() != 405 && e.statusCode() != 501) {
          throw S3Errors.translate(e, where());
        }
        // Nothing was published either way; the store keeps the parts until it expires them.
        LOG.warn(
            "{}: the store cannot abort multipart uploads (HTTP {}); upload {} stays behind",
            where(),
            e.statusCode(),
            id);
      } catch (SdkException e) {
        throw S3Errors.translate(e, where());
      }
      uploadId = null;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void awaitQuietly(Future<CompletedPart> f) {
    boolean interrupted = false;
    while (!f.isDone()) {
      try {
        f.get();
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break; // the abort below discards the part whether or not it made it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private String where() {
    return vfs.where(path);
  }
}
