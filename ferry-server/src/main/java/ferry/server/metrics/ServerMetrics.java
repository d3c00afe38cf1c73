package ferry.server.metrics;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import ferry.core.auth.Defender;
import ferry.core.job.JobExecutor;
import ferry.core.job.JobFilter;
import ferry.core.job.JobRepository;
import ferry.core.job.JobStatus;
import ferry.core.page.PageRequest;
import ferry.core.transfer.TransferRecord;
import ferry.httpd.HttpMetrics;
import ferry.sftpd.SshMetrics;
import ferry.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The server's metrics, in one Prometheus registry: what the front ends, the job workers, the
 * transfer log and the Defender report, plus the JVM, the process and the database pool. Built once
 * per server; the parts are handed out (or watched) as the server wires itself.
 */
public final class ServerMetrics implements AutoCloseable {
  private static final JobFilter QUEUED = new JobFilter(JobStatus.QUEUED, null, null);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final TransferMeters transfers;
  private final List<Defender.Registration> registrations = new ArrayList<>();

  public ServerMetrics(MetricsConfig config) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    transfers = new TransferMeters(registry, config.perUser() ? MetricsConfig.MAX_USERS : 0);
  }

  /** Counts one finished transfer; every {@link TransferRecord} the server writes comes here. */
  public void transferEnded(TransferRecord record) {
    transfers.record(record);
  }

  /** {@code executor}, counting the jobs it starts and timing each by how it ended. */
  public JobExecutor timing(JobExecutor executor) {
    return new TimedJobExecutor(executor, registry);
  }

  /**
   * Gauges of the queue (queued jobs of every node, counted in the database at each scrape) and of
   * the jobs {@code running} on this node.
   */
  public void watchJobs(JobRepository jobs, IntSupplier running) {
    Gauge.builder("ferry.jobs.queued", () -> jobs.list(QUEUED, new PageRequest(1, 1)).total())
        .description("Jobs waiting for a worker, on every node sharing the database").register(registry);
    Gauge.builder("ferry.jobs.running", running::getAsInt).description("Jobs running on this node").register(registry);
  }

  /** The database connection pool: connections in use, idle, pending, and how long they take. */
  public void watchPool(Store store) {
    store.trackPool(new MicrometerMetricsTrackerFactory(registry));
  }

  /** Bans as they happen, and the sources banned now. */
  public void watchDefender(Defender defender) {
    Counter bans = Counter.builder("ferry.defender.bans").description("Source addresses the Defender banned")
        .register(registry);
    registrations.add(defender.onBan(ip -> bans.increment()));
    Gauge.builder("ferry.defender.banned", () -> defender.bans().size())
        .description("Source addresses banned now").register(registry);
  }

  /** What the SSH server reports: connections let in and logins. */
  public SshMetrics ssh() {
    return new SshMeters(registry);
  }

  /** The SSH connections {@code open} now. */
  public void watchSsh(IntSupplier open) {
    Gauge.builder("ferry.ssh.sessions.open", open::getAsInt).description("SSH connections open now, logged in or not")
        .register(registry);
  }

  /** What the HTTP listener reports, and the scrape its {@code GET /metrics} serves. */
  public HttpMetrics http() {
    return new HttpMeters(registry, this::scrape);
  }

  /** Every metric, in Prometheus' text format ({@link HttpMetrics#CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    registrations.forEach(Defender.Registration::close);
    gc.close();
    registry.close();
  }
}
