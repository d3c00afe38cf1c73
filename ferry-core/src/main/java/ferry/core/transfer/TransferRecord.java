package ferry.core.transfer;

import java.time.Duration;
import java.time.Instant;

/**
 * One file moved by a job or by a file-server session: where from, where to, how much, how long,
 * its SHA-256 when it arrived whole, and the error when it did not.
 *
 * <p>Job transfers carry {@code jobId}, protocol {@link #JOB} and a direction: {@link #UPLOAD}
 * from the server's {@link #LOCAL} side to an endpoint, {@link #DOWNLOAD} from an endpoint to it,
 * {@link #COPY} between two endpoints (VFS Library names); they leave the other session fields
 * null. Session transfers
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
  /** The direction of a job's copy between two endpoints. */
  public static final String COPY = "copy";
  /** The protocol of every file a job moved. */
  public static final String JOB = "JOB";
  /** The endpoint name of the server's own directories (a script's Upload and Download). */
  public static final String LOCAL = "local";

  /** A file a job moved, with protocol {@link #JOB} and the direction its endpoints give. */
  public static TransferRecord job(
      String jobId, String srcVfs, String srcPath, String dstVfs, String dstPath, long bytes,
      Duration duration, String sha256, boolean ok, String error, Instant finishedAt) {
    return new TransferRecord(jobId, srcVfs, srcPath, dstVfs, dstPath, bytes, duration, sha256, ok,
        error, finishedAt, null, JOB, jobDirection(srcVfs, dstVfs), null, null, null);
  }

  /** Upload from the server's local side, download to it, copy between two endpoints. */
  static String jobDirection(String srcVfs, String dstVfs) {
    boolean fromLocal = LOCAL.equals(srcVfs);
    boolean toLocal = LOCAL.equals(dstVfs);
    if (fromLocal && !toLocal) return UPLOAD;
    if (toLocal && !fromLocal) return DOWNLOAD;
    return COPY;
  }
}
