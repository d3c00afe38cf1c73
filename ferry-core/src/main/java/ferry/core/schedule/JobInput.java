package ferry.core.schedule;

import java.util.Map;

/**
 * What an admin sends to create or change a scheduled job; null means "not sent" (on create: the
 * default; on change: keep).
 */
public record JobInput(
    String name,
    String customer,
    String agentId,
    String sourcePath,
    String destinationPath,
    String schedule,
    String timezone,
    String protocol,
    String direction,
    Boolean enabled,
    String scriptName,
    Map<String, String> params,
    String misfirePolicy) {}
