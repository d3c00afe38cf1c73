package ferry.core.transfer;

import java.time.Duration;
import java.time.Instant;

/**
 * One file moved by a job (or, later, by any protocol): where from, where to, how much, how long,
 * its SHA-256 when it arrived whole, and the error when it did not. {@code jobId}, {@code sha256}
 * and {@code error} may be null.
 */
public record TransferRecord(
    String jobId, String srcVfs, String srcPath, String dstVfs, String dstPath, long bytes,
    Duration duration, String sha256, boolean ok, String error, Instant finishedAt) {}
