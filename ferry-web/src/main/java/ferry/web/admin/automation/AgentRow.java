package ferry.web.admin.automation;

import ferry.core.agent.Agent;

/** An agent and its status now ({@code online} or {@code offline}). */
public record AgentRow(Agent agent, String status) {}
