package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry job}: shows, lists and cancels jobs (executions of scripts). */
@Command(
    name = "job",
    description = "Shows, lists and cancels jobs, the executions of scripts.",
    subcommands = {JobCommand.Get.class, JobCommand.ListJobs.class, JobCommand.Cancel.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry job list --status failed",
      "  ferry job get q7Yc2mZ0RkK3b1uT9xw4aA",
      "  ferry job cancel q7Yc2mZ0RkK3b1uT9xw4aA"
    })
final class JobCommand extends CommandGroup {
  static final String PATH = "/v1/adm/jobs";
  static final Set<String> STATUSES =
      Set.of("queued", "running", "completed", "failed", "cancelled", "interrupted");
  static final int DEFAULT_LIMIT = 50;

  static String path(String id) {
    return PATH + "/" + FerryClient.segment(id);
  }

  /** What the job ran: the script's name, else its id, else the file path. */
  static String script(JsonNode job) {
    for (String field : new String[] {"scriptName", "scriptId", "filePath"}) {
      if (job.hasNonNull(field)) {
        return job.get(field).asText();
      }
    }
    return Table.NONE;
  }

  @Command(
      name = "get",
      description =
          "Shows a job: its script, status, exit code, times, parameters, the files it moved"
              + " (with the SHA-256 of what arrived) and its log.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ferry job get q7Yc2mZ0RkK3b1uT9xw4aA",
        "  ferry job get q7Yc2mZ0RkK3b1uT9xw4aA --json | jq .status"
      })
  static final class Get extends AdminCommand {
    @Parameters(paramLabel = "ID", description = "Id of the job, as `ferry start` printed it.")
    String id;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode job = client.get(path(id));
      if (json.json) {
        printJson(job);
        return 0;
      }
      field("id", Table.text(job.path("id")));
      field("script", script(job));
      field("status", Table.text(job.path("status")));
      field("trigger", Table.text(job.path("trigger")));
      field("exit code", Table.text(job.path("exitCode")));
      field("error", Table.text(job.path("error")));
      field("created", Table.text(job.path("createdAt")));
      field("started", Table.text(job.path("startedAt")));
      field("finished", Table.text(job.path("finishedAt")));
      field("params", Table.text(job.path("params")));
      if (job.path("transfers").isArray()) {
        printTransfers(job.path("transfers"));
      }
      out().println("log:");
      for (JsonNode line : job.path("log")) {
        out().println("  " + JobFollower.logLine(line));
      }
      return 0;
    }

    /** The files the job moved, each with the SHA-256 of what arrived or why it failed. */
    private void printTransfers(JsonNode transfers) {
      if (transfers.isEmpty()) {
        out().println("transfers: none");
        return;
      }
      Table table =
          new Table("RESULT", "DIRECTION", "SOURCE", "DESTINATION", "BYTES", "SHA-256", "ERROR");
      for (JsonNode t : transfers) {
        table.row(
            t.path("ok").asBoolean() ? "ok" : "failed",
            t.path("direction"),
            t.path("source"),
            t.path("destination"),
            t.path("bytes"),
            t.path("sha256"),
            t.path("error"));
      }
      StringWriter text = new StringWriter();
      table.print(new PrintWriter(text), "");
      out().println("transfers:");
      text.toString().lines().forEach(line -> out().println("  " + line));
    }

    private void field(String label, String value) {
      out().printf("%-10s %s%n", label + ":", value);
    }
  }

  @Command(
      name = "list",
      description = "Lists jobs, newest first.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ferry job list",
        "  ferry job list --status failed --script \"My Backup Job\"",
        "  ferry job list --limit 100 --page 2 --json"
      })
  static final class ListJobs extends AdminCommand {
    @Option(
        names = "--status",
        paramLabel = "STATUS",
        description =
            "Only jobs in this status: queued, running, completed, failed, cancelled or"
                + " interrupted.")
    String status;

    @Option(
        names = "--script",
        paramLabel = "NAME",
        description = "Only jobs of this script (name matched case-insensitively).")
    String script;

    @Option(
        names = "--page",
        paramLabel = "N",
        defaultValue = "1",
        description = "Page to show, from 1. Default: ${DEFAULT-VALUE}.")
    int page;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "" + DEFAULT_LIMIT,
        description = "Jobs per page. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      if (page < 1 || limit < 1) {
        throw usage("--page and --limit must be at least 1");
      }
      if (status != null && !STATUSES.contains(status)) {
        throw usage(
            "Invalid value for option '--status': '"
                + status
                + "' (expected one of "
                + String.join(", ", STATUSES.stream().sorted().toList())
                + ")");
      }
      Map<String, Object> query = new LinkedHashMap<>();
      query.put("status", status);
      query.put("script", script);
      query.put("page", page);
      query.put("limit", limit);
      JsonNode answer = client.get(PATH + FerryClient.query(query));
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table = new Table("ID", "SCRIPT", "STATUS", "TRIGGER", "EXIT", "CREATED", "FINISHED");
      int shown = 0;
      for (JsonNode job : answer.path("items")) {
        table.row(
            job.path("id"),
            script(job),
            job.path("status"),
            job.path("trigger"),
            job.path("exitCode"),
            job.path("createdAt"),
            job.path("finishedAt"));
        shown++;
      }
      table.print(out(), "no jobs");
      long total = answer.path("total").asLong(shown);
      if ((long) (page - 1) * limit + shown < total) {
        out().printf("(%d of %d jobs; next: --page %d)%n", shown, total, page + 1);
      }
      return 0;
    }
  }

  @Command(
      name = "cancel",
      description = {
        "Cancels a job: a queued job at once ('cancelled'), a running one within a second"
            + " ('cancelling'). Fails if the job already ended.",
        "With --wait, waits until the job has ended, prints how, and exits as `ferry start --wait`"
            + " does: 0 if the job completed after all, 1 if it ended cancelled, failed or"
            + " interrupted."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  ferry job cancel q7Yc2mZ0RkK3b1uT9xw4aA",
        "  ferry job cancel q7Yc2mZ0RkK3b1uT9xw4aA --wait"
      })
  static final class Cancel extends AdminCommand {
    @Parameters(paramLabel = "ID", description = "Id of the job.")
    String id;

    @Option(
        names = "--wait",
        description = "Wait until the job has ended; exit 0 if it completed, 1 otherwise.")
    boolean waitForEnd;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode job = client.post(path(id) + "/cancel", null);
      boolean ended = JobFollower.ENDED.contains(job.path("status").asText());
      if (!waitForEnd) {
        if (json.json) {
          printJson(job);
        } else {
          // a running job stops at its next step: the server still answers "running"
          out().println("job " + id + ": " + (ended ? job.path("status").asText() : "cancelling"));
        }
        return 0;
      }
      if (!json.json && !ended) {
        out().println("job " + id + ": cancelling");
        out().flush();
      }
      JsonNode end =
          ended ? job : new JobFollower(client, JobFollower.DEFAULT_POLL_INTERVAL).awaitEnd(id);
      if (json.json) {
        printJson(client.get(path(id)));
      } else {
        out().println("job " + id + ": " + JobFollower.outcome(end));
      }
      return JobFollower.succeeded(end) ? 0 : CliException.FAILURE;
    }
  }
}
