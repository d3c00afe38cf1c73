package ferry.core.agent;

/**
 * What an agent reports with a heartbeat; null values keep what it reported before.
 *
 * @param memory MB in use
 * @param heartbeatInterval seconds until the next heartbeat
 */
public record Heartbeat(Double load, Long memory, String version, Integer heartbeatInterval) {}
