package ferry.core.agent;

/**
 * What an agent tells about itself when it registers.
 *
 * @param version may be null
 * @param heartbeatInterval seconds, or null for {@link Agent#DEFAULT_HEARTBEAT_INTERVAL}
 */
public record NewAgent(String name, String hostname, String os, String version, Integer heartbeatInterval) {}
