package ferry.server.pipeline;

import ferry.core.auth.Actor;
import ferry.core.job.Job;
import ferry.core.job.JobRequest;
import ferry.core.job.JobService;
import ferry.core.job.JobTrigger;
import ferry.core.secret.SecretService;
import ferry.pipeline.definition.Notify;
import ferry.pipeline.run.RunServices;
import ferry.pipeline.step.Webhooks;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets, scripts and webhooks for the runs of this server. A customer's pipeline reads only the
 * secrets under its prefix ({@code alice/...}); a script step's script runs as a job (on whichever
 * node's workers claim it) and its exit code decides.
 */
final class ServerRunServices implements RunServices {
  static final Duration SCRIPT_POLL = Duration.ofMillis(250);
  static final Duration MAX_SCRIPT_WAIT = Duration.ofHours(24);

  private final SecretService secrets;
  private final JobService jobs;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final Webhooks webhooks;
  private final Clock clock;

  ServerRunServices(SecretService secrets, JobService jobs, Webhooks webhooks, Clock clock) {
    this.secrets = secrets;
    this.jobs = jobs;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  @Override
  public Optional<String> secret(String customer, String name) {
    if (customer != null && !name.startsWith(customer + "/")) return Optional.empty();
    return secrets.reveal(name);
  }

  @Override
  public int runScript(String name, Map<String, String> params) throws IOException, InterruptedException {
    Job job;
    try {
      job = jobs.submit(Actor.system(), new JobRequest(name, null, null, params, JobTrigger.SCHEDULE));
    } catch (RuntimeException e) {
      throw new IOException("script " + name + " could not start: " + e.getMessage(), e);
    }
    Instant deadline = clock.instant().plus(MAX_SCRIPT_WAIT);
    while (!job.status().isFinal()) {
      if (clock.instant().isAfter(deadline)) throw new IOException("script job " + job.id() + " still running after "
          + MAX_SCRIPT_WAIT);
      Thread.sleep(SCRIPT_POLL.toMillis()); // the job runs on whichever node's workers claim it
      job = jobs.get(Actor.system(), job.id());
    }
    if (job.exitCode() != null) return job.exitCode();
    throw new IOException("script job " + job.id() + " " + job.status().wire()
        + (job.error() == null ? "" : ": " + job.error()));
  }

  @Override
  public void notify(Notify.Webhook hook, String customer, Map<String, Object> summary)
      throws IOException, InterruptedException {
    byte[] body = JSON.writeValueAsBytes(summary);
    String event = "pipeline.run." + summary.get("status");
    if (hook.secret() == null) {
      webhooks.post(hook.url(), event, body);
      return;
    }
    String key = secret(customer, hook.secret())
        .orElseThrow(() -> new IOException("secret " + hook.secret() + " of the webhook is unknown"));
    webhooks.post(hook.url(), event, body, key);
  }
}
