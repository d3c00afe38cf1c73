package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry start}: starts a stored script as a job through {@code POST /v1/jobs}. */
@Command(
    name = "start",
    description = {
      "Starts a stored script as a job on a Ferry server (POST /v1/jobs) and prints the job id.",
      "The script runs inside the server, with the VFS Library and secrets. Without --wait the"
          + " command returns at once; with --wait it prints 'job ID', streams the job's log and"
          + " exits 0 if the job completed, 1 if it failed, was cancelled or was interrupted."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry start -n \"My Backup Job\" -a KEY",
      "  ferry start -sn \"My Backup Job\" -a KEY      (-sn: another spelling of -n)",
      "  ferry start -n \"My Backup Job\" -a KEY --params '{\"character\":\"goofy\"}' \\",
      "      --host 192.168.1.10:44399 --insecure",
      "  ferry start -s p3fEoexohdHj6SXrvuT8H8 -a KEY \\",
      "      --params '[{\"name\":\"character\",\"value\":\"goofy\"}]'",
      "  ferry start -n nightly -a KEY --wait && echo done"
    })
final class StartCommand extends ApiCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Selector selector;

  @Option(
      names = "--params",
      paramLabel = "JSON",
      converter = ParamsConverter.class,
      description =
          "Parameters the script reads with Params(name): "
              + ParamsConverter.FORMS
              + ". Sent as"
              + " given.")
  JsonNode params;

  @Option(
      names = "--wait",
      description =
          "Follow the job: print 'job ID', then its log lines (time LEVEL message), and exit 0 if"
              + " it completed, 1 otherwise.")
  boolean waitForJob;

  @Mixin ServerOptions server;
  @Mixin JsonOption json;

  /** Exactly one way to name the script. */
  static final class Selector {
    @Option(
        names = {"-n", "-sn", "--scriptname"},
        paramLabel = "NAME",
        description = "Name of the stored script, matched case-insensitively.")
    String name;

    @Option(
        names = {"-s", "--scriptid"},
        paramLabel = "ID",
        description = "Id of the stored script.")
    String id;
  }

  @Override
  int execute() {
    ObjectNode body = FerryClient.JSON.createObjectNode();
    if (selector.name != null) {
      body.put("scriptName", selector.name);
    } else {
      body.put("scriptId", selector.id);
    }
    if (params != null) {
      body.set("params", params);
    }
    try (FerryClient client = server.connectWithKey()) {
      JsonNode job = client.post("/v1/jobs", body);
      if (waitForJob) {
        if (!json.json) {
          // first, so that the job can be looked up (ferry job get ID) however the wait ends
          out().println("job " + job.path("id").asText());
          out().flush();
        }
        return new JobFollower(client, JobFollower.DEFAULT_POLL_INTERVAL)
            .follow(job.path("id").asText(), out(), err(), json.json);
      }
      if (json.json) {
        printJson(job);
      } else {
        out().println(job.path("id").asText());
      }
      return 0;
    }
  }
}
