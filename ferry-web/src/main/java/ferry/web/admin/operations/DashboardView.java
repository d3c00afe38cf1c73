package ferry.web.admin.operations;

import ferry.core.job.JobSummary;
import ferry.core.session.ConnectionInfo;
import ferry.core.status.ServicesStatus;
import ferry.core.transfer.TransferRecord;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard shows; each part is null when the admin may not see it.
 *
 * @param status the listeners (view_status)
 * @param counts the counts the admin may see
 * @param connections the live connections (view_conns)
 * @param failedTransfers the last failed transfers (view_conns)
 * @param failedJobs the last failed job runs ({@code *})
 */
public record DashboardView(ServicesStatus status, List<Count> counts, List<ConnectionInfo> connections,
    List<TransferRecord> failedTransfers, List<JobSummary> failedJobs, Instant now) {

  /** One number with the text key naming it and the page listing it. */
  public record Count(String key, long value, String href) {}

  /** The connections that move a file now. */
  public List<ConnectionInfo> transferring() {
    return connections == null ? List.of() : connections.stream().filter(c -> !c.transfers().isEmpty()).toList();
  }
}
