package ferry.server;

import ferry.httpd.FerryHttpServer;
import ferry.httpd.HttpConfig;
import ferry.core.status.ServicesStatus;
import ferry.httpd.HttpServices;
import ferry.jobs.JobPruner;
import ferry.jobs.JobWorkers;
import ferry.jobs.WorkerConfig;
import ferry.server.metrics.MetricsConfig;
import ferry.server.metrics.MetricsListener;
import ferry.server.metrics.ServerMetrics;
import ferry.sftpd.SessionOpener;
import ferry.sftpd.SftpServer;
import ferry.sftpd.SftpdConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ferry serve}: wires the store, the services, the job workers and the HTTP listener. */
public final class FerryServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FerryServer.class);

  private final ServerConfig config;
  private final DataDir dir;
  private final String node;
  private final String dataDirId;
  private final Core core;
  private final JobWorkers workers;
  private final JobPruner pruner;
  private final FerryHttpServer http;
  private final SftpServer sftp;
  private final ServerMetrics metrics;
  private final MetricsListener metricsListener;
  private boolean stopped;

  private FerryServer(ServerConfig config, MetricsConfig metricsConfig, PrintStream console) {
    this.config = config;
    this.dir = new DataDir(config.dataDir()).create();
    this.node = nodeName();
    this.dataDirId = dir.id();
    Clock clock = Core.clock();
    java.time.Instant startedAt = clock.instant();
    this.metrics = new ServerMetrics(metricsConfig);
    try {
      this.core = new Core(config, dir, clock, metrics::transferEnded);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    JobWorkers startedWorkers = null;
    JobPruner startedPruner = null;
    FerryHttpServer startedHttp = null;
    SftpServer startedSftp = null;
    MetricsListener startedMetrics = null;
    try {
      metrics.watchPool(core.store);
      metrics.watchDefender(core.defender);
      core.sweepInterruptedUploads(startedAt);
      // Every listener binds before anything is announced or created (issue 11): a port in use
      // then stops the start with nothing to undo, and the first admin's one-time password is
      // printed only by a start that goes on to serve.
      TlsMaterial.Loaded tls = config.plainHttp() ? null : TlsMaterial.load(config, dir);
      this.http = startedHttp = bind(ListenerException.Listener.HTTP_API, config.httpHost(), config.httpPort(),
          () -> newHttpServer(tls).start());
      this.sftp = startedSftp = config.sftpPort() == ServerConfig.SFTP_OFF ? null
          : bind(ListenerException.Listener.SFTP, config.sftpAddress(), config.sftpPort(), this::startSftp);
      this.metricsListener = startedMetrics = !metricsConfig.listener() ? null
          : bind(ListenerException.Listener.METRICS, metricsConfig.address(), metricsConfig.port(),
              () -> MetricsListener.start(metricsConfig, metrics::scrape));
      firstAdmin(console);
      this.workers = startedWorkers = new JobWorkers(core.store.jobs(), metrics.timing(core.executor),
          new WorkerConfig(node, config.workers(), WorkerConfig.DEFAULT_POLL_INTERVAL,
              WorkerConfig.DEFAULT_HEARTBEAT_INTERVAL, WorkerConfig.DEFAULT_LOG_FLUSH_INTERVAL,
              core.store.isExclusive()),
          clock);
      core.jobs.setEvents(workers);
      metrics.watchJobs(core.store.jobs(), workers::runningCount);
      workers.start();
      core.pipelineRuns.start(node, core.schedules.scheduler()::checkDue);
      core.schedules.scheduler().start(node);
      ferry.server.schedule.WebSessionPruning.plan(core.store.dataSource(), core.webSessions, clock);
      this.pruner = startedPruner =
          new JobPruner(core.store.jobs(), config.jobRetention(), JobPruner.DEFAULT_INTERVAL, clock).start();
      announceListeners(tls);
      DataDir.writePrivate(dir.cliKey(), core.apiKeys.replaceLocalKey(cliKeyName()) + "\n");
      Integer sftpPort = sftp == null ? null : sftp.port();
      DataDir.writePrivate(dir.serverInfo(), new ServerInfo(http.url(), ProcessHandle.current().pid(), node, sftpPort).toJson());
      log.info("Ferry {} node {} started; data dir {}", Version.get(), node, dir.root().toAbsolutePath());
    } catch (RuntimeException e) {
      if (startedMetrics != null) startedMetrics.close();
      if (startedSftp != null) startedSftp.stop();
      if (startedHttp != null) startedHttp.close();
      if (startedPruner != null) startedPruner.close();
      if (startedWorkers != null) startedWorkers.shutdown(java.time.Duration.ZERO);
      core.close();
      metrics.close();
      throw e;
    }
  }

  private FerryHttpServer newHttpServer(TlsMaterial.Loaded tls) {
    HttpServices services = new HttpServices(core.apiKeys, core.admins, core.secrets, core.scripts, core.jobs,
        core.settings, core.folders, core.users, core.groups, core.connections, core.transfers, core.defender, core.passwordChecks, node, Version.get(),
        core.tokens, core.fileApiKeys, core.fileSessions, core.quotas, core.profiles, this::servicesStatus,
        core.shares, core.customers, core.agents, core.trackedTransfers, core.agentCertificates,
        core.schedules.service(), core.pipelines);
    return new FerryHttpServer(new HttpConfig(config.httpHost(), config.httpPort(),
        tls == null ? null : tls.keyStore(), tls == null ? null : tls.password(), HttpConfig.DEFAULT_MAX_BODY_BYTES,
        config.trustedProxies(), core.agentCertificates.caCertificate()),
        services, metrics.http(), java.util.List.of(new ferry.web.WebFace(new ferry.web.WebServices(services,
            core.webSessions, new ferry.web.WebConfig(tls != null, dir.initialAdminPassword(),
            dir.uploadStaging()), core.mfa))));
  }

  /** What runs on this node now, for GET /api/v2/status. */
  private ServicesStatus servicesStatus() {
    SftpServer s = sftp;
    java.util.Optional<String> dbError = core.store.check();
    return new ServicesStatus(s == null ? ServicesStatus.Ssh.OFF : s.status(),
        new ServicesStatus.DataProvider(dbError.isEmpty(), core.store.driver(), dbError.orElse("")), true,
        http == null ? ServicesStatus.Http.OFF : new ServicesStatus.Http(http.url(), !config.plainHttp()));
  }

  /** Starts the SFTP/SCP listener, generating its host keys at the first start. */
  private SftpServer startSftp() {
    SftpServer server = new SftpServer(
        SftpdConfig.defaults(config.sftpAddress(), config.sftpPort(), dir.sshDir())
            .withAlgorithms(config.sftpKex(), config.sftpCiphers(), config.sftpMacs())
            .withMaxAuthTries(config.sftpMaxAuthTries()),
        core.users, core.defender, SessionOpener.over(core.fileSessions), core.passwordChecks, metrics.ssh());
    try {
      server.start();
    } catch (RuntimeException e) {
      server.stop(); // its I/O threads and background executor exist from construction
      throw e;
    }
    metrics.watchSsh(server::openConnections);
    return server;
  }

  /**
   * Runs {@code start}; a failure to bind its address and port becomes a {@link ListenerException}
   * naming the listener, so that {@code ferry serve} can name the flag to change.
   */
  private static <T> T bind(ListenerException.Listener which, String address, int port, Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException cause) throw new ListenerException(which, address, port, cause);
      }
      throw e;
    }
  }

  /** Logs where each listener listens and the SSH host key fingerprints users compare with their client's. */
  private void announceListeners(TlsMaterial.Loaded tls) {
    log.info("{} API listening on {} ({})", config.plainHttp() ? "HTTP" : "HTTPS", http.url(),
        tls == null ? "plain HTTP" : tls.description());
    log.info("Web console {}/web/admin, web client {}/web/client", http.url(), http.url());
    if (sftp == null) {
      log.info("SFTP/SCP server off (--sftp-port -1)");
      return;
    }
    log.info("SFTP/SCP listening on {}:{} (host keys in {})", config.sftpAddress(), sftp.port(),
        dir.sshDir().toAbsolutePath());
    for (String fingerprint : sftp.hostKeyFingerprints()) log.info("SSH host key {}", fingerprint);
    if (metricsListener != null) {
      log.info("Metrics listening on {} (no credentials; also GET /metrics on the API for admins)", metricsListener.url());
    }
  }

  /** Starts a server; {@code console} receives the one-time first-admin password. */
  public static FerryServer start(ServerConfig config, PrintStream console) {
    return start(config, MetricsConfig.defaults(), console);
  }

  /** Starts a server with {@code metricsConfig}'s metrics listener and per-user series. */
  public static FerryServer start(ServerConfig config, MetricsConfig metricsConfig, PrintStream console) {
    return new FerryServer(config, metricsConfig, console);
  }

  /** The runtime settings (the test servers lift the /api rate limits through it). */
  public ferry.core.settings.SettingsService settings() {
    return core.settings;
  }

  public String url() {
    return http.url();
  }

  public int httpPort() {
    return http.port();
  }

  public String node() {
    return node;
  }

  /** The bound SFTP/SCP port, or -1 when that server is off. */
  public int sftpPort() {
    return sftp == null ? ServerConfig.SFTP_OFF : sftp.port();
  }

  /**
   * Stops accepting requests, lets running jobs finish until the shutdown timeout, marks the rest
   * interrupted and closes the database.
   */
  public synchronized void stop() {
    if (stopped) return;
    stopped = true;
    log.info("stopping: no new requests; waiting up to {} for running jobs", config.shutdownTimeout());
    try {
      Files.deleteIfExists(dir.serverInfo());
      Files.deleteIfExists(dir.cliKey());
    } catch (IOException e) {
      log.warn("could not remove {}: {}", dir.serverInfo(), e.toString());
    }
    if (metricsListener != null) metricsListener.close();
    if (sftp != null) sftp.stop();
    http.close();
    pruner.close();
    core.pipelineRuns.stopping(); // runs stop between files and are handed back before the scheduler stops
    core.schedules.close();
    workers.shutdown(config.shutdownTimeout());
    try {
      core.store.apiKeys().deleteByName(cliKeyName());
    } catch (RuntimeException e) {
      log.warn("could not remove the CLI key: {}", e.toString());
    }
    // Sessions still open get their transfer records while the database is still there.
    core.connections.closeAll();
    core.close();
    metrics.close();
    log.info("stopped");
  }

  @Override
  public void close() {
    stop();
  }

  /** Every HTTP route, as "METHOD path" (for tests that walk the route tables). */
  public java.util.List<String> routes() {
    return http.routes();
  }

  /** Fires scheduled job {@code jobId} as planned for {@code at} (now or past) instead of its next time (tests' hook). */
  void fireScheduledJob(String jobId, java.time.Instant at) {
    core.schedules.scheduler().fireAt(jobId, at);
  }

  /** Fires pipeline {@code pipelineId}'s trigger as planned for {@code at} (tests' hook). */
  void firePipelineTrigger(String pipelineId, java.time.Instant at) {
    core.pipelineRuns.fireTrigger(pipelineId, at);
  }

  /** The next firing of the pipeline's trigger that the scheduler holds (tests' hook). */
  java.util.Optional<java.time.Instant> plannedPipelineTrigger(String pipelineId) {
    return core.pipelineRuns.plannedTrigger(pipelineId);
  }

  /** The next firing of scheduled job {@code jobId} that the scheduler holds (tests' hook). */
  java.util.Optional<java.time.Instant> plannedFiring(String jobId) {
    return core.schedules.scheduler().plannedAt(jobId);
  }

  /**
   * Releases the ports and the database the way {@code kill -9} does: none of {@link #stop}'s
   * clean-up (server.json, cli.key and the CLI key stay). For crash tests.
   */
  synchronized void halt() {
    stopped = true;
    if (metricsListener != null) metricsListener.close();
    if (sftp != null) sftp.stop();
    http.close();
    workers.shutdown(java.time.Duration.ZERO);
    core.close();
    metrics.close();
  }

  private void firstAdmin(PrintStream console) {
    forgetChangedInitialPassword();
    Optional<String> generated = core.admins.ensureFirstAdmin(Optional.ofNullable(config.adminPassword()));
    generated.ifPresent(pw -> {
      DataDir.writePrivate(dir.initialAdminPassword(), pw + "\n");
      console.println("Created admin 'admin' with password: " + pw);
      console.println("(also written to " + dir.initialAdminPassword().toAbsolutePath() + "; shown only this once)");
    });
  }

  /**
   * One CLI key per data dir, named after the data dir's stable id: replacing it at every start
   * revokes the previous one, even when the previous run was killed without stopping.
   */
  private String cliKeyName() {
    return "local-cli@" + dataDirId;
  }

  /** Removes {@code initial-admin-password} once that password is no longer the admin's. */
  private void forgetChangedInitialPassword() {
    Path file = dir.initialAdminPassword();
    try {
      if (!Files.isRegularFile(file)) return;
      if (core.admins.hasPassword(ferry.core.admin.AdminService.FIRST_ADMIN, Files.readString(file).strip())) return;
      Files.delete(file);
      log.info("removed {}: the first admin's password has been changed", file);
    } catch (IOException e) {
      log.warn("could not check or remove {}: {}", file, e.toString());
    }
  }

  private static String nodeName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "node";
    }
    return host + "-" + ferry.core.Ids.random(4);
  }
}
