package ferry.core.transfer;

import java.time.Duration;
import java.time.Instant;

/**
 * One file moved by a job or by a file-server session: where from, where to, how much, how long,
 * its SHA-256 when it arrived whole, and the error when it did not.
 *
 * <p>Job transfers carry {@code jobId} and leave the session fields null. Session transfers
 * (SFTP, SCP, HTTP) carry {@code username}, {@code protocol}, {@code direction} ({@link #UPLOAD}
 * or {@link #DOWNLOAD}), the virtual {@code path}, the client's {@code remoteAddr} and the
 * connection id {@code connId}; their source or destination side names the mount ("home" or the
 * virtual folder) and the protocol. {@code jobId}, {@code sha256} and {@code error} may be null.
 */
public record TransferRecord(
    String jobId,
    String srcVfs,
    String srcPath,
    String dstVfs,
    String dstPath,
    long bytes,
    Duration duration,
    String sha256,
    boolean ok,
    String error,
    Instant finishedAt,
    String username,
    String protocol,
    String direction,
    String path,
    String remoteAddr,
    String connId) {
  public static final String UPLOAD = "upload";
  public static final String DOWNLOAD = "download";

  /** A file a job moved. */
  public static TransferRecord job(
      String jobId, String srcVfs, String srcPath, String dstVfs, String dstPath, long bytes,
      Duration duration, String sha256, boolean ok, String error, Instant finishedAt) {
    return new TransferRecord(jobId, srcVfs, srcPath, dstVfs, dstPath, bytes, duration, sha256, ok,
        error, finishedAt, null, null, null, null, null, null);
  }
}
