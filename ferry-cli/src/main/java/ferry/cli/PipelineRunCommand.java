package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry pipeline run} and {@code ferry pipeline runs}: start a run (and follow it), list runs. */
final class PipelineRunCommand {
  private PipelineRunCommand() {}

  @Command(name = "run",
      description = {"Starts a run of a pipeline's current version.",
          "With --wait, prints each step's status as it changes and exits 1 unless the run completes."},
      footerHeading = "%nExamples:%n",
      footer = {"  ferry pipeline run nightly-invoices --wait", "  ferry pipeline run nightly-invoices --wait --json"})
  static final class Run extends AdminCommand {
    @Parameters(paramLabel = "PIPELINE", description = "Identifier or id.")
    String ref;

    @Option(names = "--wait", description = "Follow the run until it ends.")
    boolean wait;

    @Mixin PipelineCommand.Owner owner;

    @Mixin JsonOption json;

    /** How often --wait asks; tests shorten it. */
    Duration pollInterval = PipelineFollower.DEFAULT_POLL_INTERVAL;

    @Override
    int execute(FerryClient client) {
      JsonNode p = PipelineCommand.get(client, ref, owner.customer);
      String path = PipelineCommand.PATH + "/" + p.path("id").asText() + "/runs";
      JsonNode run = client.post(path, null).path("data");
      String runId = run.path("id").asText();
      if (!wait) {
        if (json.json) printJson(run);
        else out().println("run " + runId + " of " + p.path("identifier").asText() + " " + run.path("status").asText());
        return 0;
      }
      if (!json.json) out().println("run " + runId + " of " + p.path("identifier").asText() + " started");
      return new PipelineFollower(client, pollInterval).follow(path + "/" + runId, out(), err(), json.json);
    }
  }

  @Command(name = "runs", description = "Lists a pipeline's runs, newest first.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry pipeline runs nightly-invoices", "  ferry pipeline runs nightly-invoices --status failed --json"})
  static final class Runs extends AdminCommand {
    @Parameters(paramLabel = "PIPELINE", description = "Identifier or id.")
    String ref;

    @Option(names = "--status", paramLabel = "STATUS",
        description = "Only runs in this status: queued, running, completed, failed, cancelled, interrupted.")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (1-100). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Mixin PipelineCommand.Owner owner;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      if (limit < 1 || limit > 100) throw usage("Invalid value for option '--limit': " + limit + " (1 to 100)");
      JsonNode p = PipelineCommand.get(client, ref, owner.customer);
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("limit", limit);
      q.put("status", status);
      JsonNode runs = client.get(PipelineCommand.PATH + "/" + p.path("id").asText() + "/runs" + FerryClient.query(q))
          .path("data");
      if (json.json) {
        printJson(runs);
        return 0;
      }
      Table t = new Table("ID", "STATUS", "TRIGGER", "BY", "FILES", "BYTES OUT", "STARTED", "ENDED", "ERROR");
      runs.forEach(r -> t.row(r.path("id").asText(), r.path("status").asText(), r.path("trigger").asText(),
          Table.text(r.path("triggeredBy")), r.path("files").asInt(), r.path("bytesOut").asLong(),
          Table.text(r.path("startedAt")), Table.text(r.path("endedAt")), Table.text(r.path("error"))));
      t.print(out(), "no runs");
      return 0;
    }
  }
}
