package ferry.core.agent;

import java.time.Instant;

/**
 * Which active agents a listing shows.
 *
 * @param customer only this customer's; null for every customer's
 * @param status only agents in this status at {@code now}; null for all
 * @param missedAllowed the heartbeat intervals an agent may miss before it is offline
 */
public record AgentQuery(String customer, AgentStatus status, Instant now, int missedAllowed) {}
