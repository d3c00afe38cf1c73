package ferry.server.metrics;

import ferry.sftpd.SshMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;

/** SSH connections admitted and SSH logins, by method and result. */
final class SshMeters implements SshMetrics {
  private final Counter sessions;
  private final MeterProvider<Counter> logins;

  SshMeters(MeterRegistry registry) {
    sessions = Counter.builder("ferry.ssh.sessions")
        .description("SSH connections the Defender let in (SFTP and SCP)").register(registry);
    logins = Counter.builder("ferry.ssh.logins")
        .description("SSH logins: ok once per session, failed for each refused password or key").withRegistry(registry);
    for (String method : new String[] {"password", "publickey"}) {
      logins.withTags("method", method, "result", "ok");
      logins.withTags("method", method, "result", "failed");
    }
  }

  @Override
  public void sessionOpened() {
    sessions.increment();
  }

  @Override
  public void login(String method, boolean ok) {
    logins.withTags("method", method, "result", ok ? "ok" : "failed").increment();
  }
}
