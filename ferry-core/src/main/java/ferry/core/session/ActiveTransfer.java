package ferry.core.session;

import java.time.Instant;

/**
 * A transfer in progress on a live connection.
 *
 * @param path the virtual path
 * @param direction {@code upload} or {@code download}
 * @param bytes bytes moved so far
 * @param startedAt when it started
 */
public record ActiveTransfer(String path, String direction, long bytes, Instant startedAt) {}
