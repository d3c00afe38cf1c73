package ferry.pipeline.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.pipeline.definition.StepSpec;
import java.io.IOException;
import java.util.List;

/**
 * Posts a JSON summary of the batch to {@code url} through {@link Webhooks}, signed when {@code
 * secret} names a secret: {"event":"pipeline.files","runId","pipelineId","sentAt","files":[{"name",
 * "size","sha256"}]}. Files pass through unchanged; a non-2xx answer fails the step (retryable for
 * 5xx and 429, so the step's {@code retry} applies). A customer's pipeline calls public addresses
 * only ({@link PublicAddresses}).
 */
final class WebhookStep implements StepRunner {
  static final String EVENT = "pipeline.files";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final String secret;
  private final Webhooks webhooks;

  WebhookStep(StepSpec spec, Webhooks webhooks) {
    this.url = spec.required("url");
    this.secret = spec.string("secret").orElse(null);
    this.webhooks = webhooks;
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("event", EVENT).put("runId", ctx.runId()).put("pipelineId", ctx.pipelineId());
    body.put("sentAt", ctx.clock().instant().toString());
    ArrayNode files = body.putArray("files");
    for (WorkFile f : in) {
      StepFiles.checkCancelled(ctx);
      files.addObject().put("name", f.name()).put("size", f.size()).put("sha256", ChecksumStep.digest(f.path(), "SHA-256"));
    }
    byte[] json = JSON.writeValueAsBytes(body);
    Webhooks client = ctx.customerOwned() ? webhooks.publicOnly() : webhooks;
    int status =
        secret == null ? client.post(url, EVENT, json) : client.post(url, EVENT, json, secretValue(ctx, secret));
    ctx.log("webhook answered " + status + " (" + in.size() + " files" + (secret == null ? "" : ", signed") + ")");
    return in;
  }

  /** A secret's value for a step, failing the step (not retried) when it is missing or empty. */
  static String secretValue(StepContext ctx, String name) throws StepFailedException {
    String value = ctx.secret(name).orElse("");
    if (value.isEmpty()) throw new StepFailedException("secret " + name + " is not available", false);
    return value;
  }
}
