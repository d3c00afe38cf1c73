package ferry.core.schedule;

/**
 * Who reads or runs scheduled jobs, for tenancy: an admin (both null) sees every job; a customer
 * sees its own; an agent sees the jobs assigned to it.
 */
public record JobViewer(String customer, String agentId) {
  public static final JobViewer ADMIN = new JobViewer(null, null);

  public static JobViewer customer(String customer) {
    return new JobViewer(java.util.Objects.requireNonNull(customer, "No customer"), null);
  }

  public static JobViewer agent(String customer, String agentId) {
    return new JobViewer(customer, java.util.Objects.requireNonNull(agentId, "No agent id"));
  }

  public boolean isAdmin() {
    return customer == null && agentId == null;
  }

  /** Whether this viewer may see {@code job}. */
  public boolean sees(ScheduledJob job) {
    if (agentId != null) return agentId.equals(job.agentId());
    return customer == null || customer.equals(job.customer());
  }
}
