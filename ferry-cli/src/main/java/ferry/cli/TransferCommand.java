package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry transfers}: the log of every upload and download, newest first. */
@Command(
    name = "transfers",
    description = "Shows the transfer log: each SFTP/SCP upload and download and each file a job moved.",
    subcommands = {TransferCommand.ListTransfers.class},
    footerHeading = "%nExamples:%n",
    footer = {"  ferry transfers list --user bob", "  ferry transfers list --failed --json"})
final class TransferCommand extends CommandGroup {
  static final String PATH = "/v1/adm/transfers";
  static final int DEFAULT_LIMIT = 50;

  @Command(name = "list", description = "Lists transfers, newest first.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry transfers list", "  ferry transfers list --user bob --protocol sftp", "  ferry transfers list --failed"})
  static final class ListTransfers extends AdminCommand {
    @Option(names = "--user", paramLabel = "USER", description = "Only this user's transfers.")
    String user;

    @Option(names = "--protocol", paramLabel = "PROTOCOL", description = "Only this protocol's, e.g. SFTP, SCP, or JOB for files jobs moved.")
    String protocol;

    @Option(names = "--failed", description = "Only failed transfers.")
    boolean failed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
        description = "How many to show. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "How many of the newest to skip.")
    int offset;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      if (limit < 1 || offset < 0) {
        throw usage("--limit must be at least 1 and --offset at least 0");
      }
      Map<String, Object> query = new LinkedHashMap<>();
      query.put("username", user);
      query.put("protocol", protocol);
      query.put("ok", failed ? "false" : null);
      query.put("limit", limit);
      query.put("offset", offset);
      JsonNode answer = client.get(PATH + FerryClient.query(query));
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table = new Table("FINISHED", "USER", "PROTOCOL", "DIRECTION", "PATH", "BYTES", "MS", "FROM", "RESULT");
      int shown = 0;
      for (JsonNode t : answer.path("items")) {
        boolean job = t.path("username").isNull() || t.path("username").isMissingNode();
        table.row(t.path("finishedAt"), job ? "job " + t.path("jobId").asText() : t.path("username"),
            t.path("protocol"), t.path("direction"),
            job ? t.path("source").asText() + " -> " + t.path("destination").asText() : t.path("path").asText(),
            t.path("bytes"), t.path("durationMs"), t.path("remoteAddr"),
            t.path("ok").asBoolean() ? "ok" : "failed: " + t.path("error").asText());
        shown++;
      }
      table.print(out(), "no transfers");
      long total = answer.path("total").asLong(shown);
      if (offset + shown < total) {
        out().printf("(%d of %d transfers; next: --offset %d)%n", shown, total, offset + shown);
      }
      return 0;
    }
  }
}
