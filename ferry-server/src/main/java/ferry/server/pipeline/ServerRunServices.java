package ferry.server.pipeline;

import ferry.core.error.NotFoundException;
import ferry.core.secret.SecretService;
import ferry.pipeline.definition.Notify;
import ferry.pipeline.definition.PipelineNames;
import ferry.pipeline.run.RunServices;
import ferry.pipeline.run.ScriptCall;
import ferry.pipeline.step.Webhooks;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets, scripts and webhooks for the runs of this server. A pipeline reads only the secrets its
 * owner may name ({@link OwnerNames}: a customer's are under its prefix, {@code alice/...}); a script step's script runs in this process, on
 * the node whose work directory holds the step's files, and its exit code decides.
 */
final class ServerRunServices implements RunServices {
  /** Runs a script step's stored script in this process; NotFoundException for an unknown name. */
  @FunctionalInterface
  public interface StepScripts {
    int run(ScriptCall call) throws IOException, InterruptedException;
  }

  private final SecretService secrets;
  private final Function<String, PipelineNames> owners;
  private final StepScripts scripts;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final Webhooks webhooks;
  private final Clock clock;

  ServerRunServices(SecretService secrets, Function<String, PipelineNames> owners, StepScripts scripts,
      Webhooks webhooks, Clock clock) {
    this.secrets = secrets;
    this.owners = owners;
    this.scripts = scripts;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  @Override
  public Optional<String> secret(String customer, String name) {
    return owners.apply(customer).secret(name) ? secrets.reveal(name) : Optional.empty();
  }

  @Override
  public int runScript(ScriptCall call) throws IOException, InterruptedException {
    try {
      return scripts.run(call);
    } catch (NotFoundException e) {
      throw new IOException("no stored script named " + call.name(), e);
    }
  }

  @Override
  public void notify(Notify.Webhook hook, String customer, Map<String, Object> summary)
      throws IOException, InterruptedException {
    Webhooks client = customer != null ? webhooks.publicOnly() : webhooks; // tenants reach public addresses only
    byte[] body = JSON.writeValueAsBytes(summary);
    String event = "pipeline.run." + summary.get("status");
    if (hook.secret() == null) {
      client.post(hook.url(), event, body);
      return;
    }
    String key = secret(customer, hook.secret())
        .orElseThrow(() -> new IOException("secret " + hook.secret() + " of the webhook is unknown"));
    client.post(hook.url(), event, body, key);
  }
}
