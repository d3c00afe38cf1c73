package ferry.core.pipeline;

/**
 * One file a run delivered (or failed to): where it came from, where it went, its size and
 * SHA-256 as it landed, and the transfer record's id in the one transfer list.
 *
 * @param status completed or failed
 */
public record RunFile(
    String runId,
    String source,
    String destination,
    long bytes,
    String sha256,
    String status,
    String transferId,
    String error) {}
