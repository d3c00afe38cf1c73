package ferry.agent;

import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ferry agent} process: registers once (or reuses its identity), then heartbeats,
 * reads its jobs every minute, fires them on its own clock and reports everything through the
 * on-disk {@link Outbox}. {@link #stop()} is the SIGTERM path: no new firings, the running
 * transfer gets the shutdown timeout to finish (else it is interrupted and reported failed), the
 * queue is flushed, and what could not be sent waits on disk for the next start.
 */
public final class Agent {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  static final int TRANSFER_ATTEMPTS = 5;

  private final AgentConfig cfg;
  private final Identity identity;
  private final Outbox outbox;
  private final ScheduledExecutorService timers;
  private final ExecutorService runs;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private Agent(AgentConfig cfg, Identity identity, Outbox outbox, ScheduledExecutorService timers, ExecutorService runs) {
    this.cfg = cfg;
    this.identity = identity;
    this.outbox = outbox;
    this.timers = timers;
    this.runs = runs;
  }

  /**
   * Registers if needed and starts the agent's threads.
   *
   * @throws AgentException when the agent cannot register (no code, refused code)
   * @throws IOException when the data dir or TLS material cannot be read or written
   */
  public static Agent start(AgentConfig cfg) throws IOException, InterruptedException {
    PrivateFiles.ensureDir(cfg.dataDir());
    TlsSetup.allowAnyHostName(cfg.insecure());
    IdentityStore store = new IdentityStore(cfg.dataDir());
    AtomicReference<String> key = new AtomicReference<>();
    ServerApi plain = new ServerApi(cfg.server(), TlsSetup.context(cfg.insecure(), cfg.caFile(), null, null), key::get);
    Enrollment enrollment = new Enrollment(store, Backoff.DEFAULT);
    Identity id = enrollment.identity(plain, cfg, version());
    key.set(id.apiKey());
    enrollment.ensureCertificate(plain, id);
    ServerApi api = withClientCertificate(cfg, store, key, plain);

    Outbox outbox = new Outbox(cfg.dataDir().resolve("outbox"), api, Backoff.DEFAULT);
    Reports reports = new Reports(outbox);
    RunLedger ledger = new RunLedger(cfg.dataDir().resolve("inflight"));
    ledger.recover(reports);
    outbox.start();

    ExecutorService runs = Executors.newCachedThreadPool(Thread.ofPlatform().name("ferry-agent-run-", 1).factory());
    JobRunner runner = new JobRunner(api, reports, ledger, VfsProviders.discover(Agent.class.getClassLoader()),
        new FileTransfer(Backoff.DEFAULT, TRANSFER_ATTEMPTS, cfg.bandwidthLimit()), Backoff.DEFAULT);
    JobScheduler scheduler = new JobScheduler(api, id.agentId(), cfg.dataDir().resolve("jobs.json"), runner, runs, Clock.systemUTC());
    scheduler.loadCache();
    Heartbeats heartbeats = new Heartbeats(api, version(), cfg.heartbeatInterval());

    ScheduledExecutorService timers = Executors.newScheduledThreadPool(3, Thread.ofPlatform().name("ferry-agent-timer-", 1).daemon().factory());
    timers.scheduleAtFixedRate(heartbeats::beat, 0, cfg.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(scheduler::refresh, 0, cfg.jobsRefresh().toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(scheduler::tick, 1, 1, TimeUnit.SECONDS);
    log.info("agent {} ({}) running against {}: heartbeat every {} s, data dir {}", id.name(), id.agentId(), cfg.server(),
        cfg.heartbeatInterval().toSeconds(), cfg.dataDir());
    return new Agent(cfg, id, outbox, timers, runs);
  }

  /** This agent's id at the server. */
  public String agentId() {
    return identity.agentId();
  }

  /** Stops gracefully within about twice the shutdown timeout; idempotent. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) return;
    log.info("stopping: no new runs; running transfers get {} s to finish", cfg.shutdownTimeout().toSeconds());
    timers.shutdownNow();
    runs.shutdown();
    try {
      if (!runs.awaitTermination(cfg.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("the running transfers did not finish in time; interrupting them (reported failed)");
        runs.shutdownNow();
        runs.awaitTermination(10, TimeUnit.SECONDS);
      }
      boolean flushed = outbox.flush(cfg.shutdownTimeout());
      outbox.close();
      int left = outbox.pending().size();
      if (flushed) log.info("stopped; every report was delivered");
      else log.warn("stopped; {} reports wait in {} for the next start", left, cfg.dataDir().resolve("outbox"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.warn("stopping: {}", e.toString());
    }
  }

  /** The API with the client certificate, unless there is none or the server's TLS refuses it. */
  private static ServerApi withClientCertificate(AgentConfig cfg, IdentityStore store, AtomicReference<String> key, ServerApi plain)
      throws IOException, InterruptedException {
    if (!store.hasCertificate() || !"https".equals(cfg.server().getScheme())) return plain;
    ServerApi mtls;
    try {
      mtls = new ServerApi(cfg.server(), TlsSetup.context(cfg.insecure(), cfg.caFile(), store.keyFile(), store.certFile()), key::get);
    } catch (IOException e) {
      log.warn("cannot use the client certificate in {} ({}); going on with the API key only", cfg.dataDir(), e.getMessage());
      return plain;
    }
    try {
      mtls.get("/api/health");
      return mtls;
    } catch (SSLException e) {
      log.warn("the server's TLS refuses this agent's client certificate ({}); going on with the API key only", e.toString());
      return plain;
    } catch (IOException e) {
      return mtls; // the server is away; the certificate is not the cause
    }
  }

  static String version() {
    Properties p = new Properties();
    try (InputStream in = Agent.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      // unknown then
    }
    return p.getProperty("version", "unknown");
  }
}
