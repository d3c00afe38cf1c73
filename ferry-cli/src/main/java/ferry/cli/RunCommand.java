package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.server.DirectRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry run}: runs a script file synchronously, delegated to the server running on the data
 * dir when there is one, else in this process on the data dir's database.
 */
@Command(
    name = "run",
    description = {
      "Runs a script file synchronously and exits 0 if it succeeded, 1 if it failed (non-zero"
          + " Exit, uncaught error). No API key is needed; the server's setting Allow CLI Run"
          + " must be on (ferry settings set allow-cli-run true).",
      "When a Ferry server runs on --data-dir, the script runs inside it (with the VFS Library"
          + " and secrets) and its log is streamed here; otherwise the script runs in this"
          + " process on the data dir's database."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry run -f /opt/scripts/my-transfer.js",
      "  ferry run -f /opt/scripts/my-transfer.js -p '{\"dest\":\"/archive/2026\"}'",
      "  ferry run -f nightly.js -p '[{\"name\":\"destination\",\"value\":\"/archive\"}]' \\",
      "      --data-dir /var/lib/ferry",
      "  ferry run -f nightly.js --db-url jdbc:postgresql://db:5432/ferry || alert"
    })
final class RunCommand extends ApiCommand {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The script file to run (JavaScript).")
  Path file;

  @Option(
      names = {"-p", "--params"},
      paramLabel = "JSON",
      converter = ParamsConverter.class,
      description = "Parameters the script reads with Params(name): " + ParamsConverter.FORMS + ".")
  JsonNode params;

  @Option(
      names = "--db-url",
      paramLabel = "URL",
      defaultValue = "${env:FERRY_DB_URL}",
      description =
          "JDBC URL of the database to use when no server runs on the data dir, instead of the"
              + " data dir's embedded database. Default: $FERRY_DB_URL.")
  String dbUrl;

  @Mixin DataDirOption dataDir;

  /**
   * Runs the script in this process when no server runs; tests replace it. A lambda rather than a
   * method reference, so that the server's classes load only when a script runs here.
   */
  LocalRunner localRunner =
      (dir, url, script, values, out, err) -> DirectRunner.run(dir, url, script, values, out, err);

  /** The signature of {@link DirectRunner#run}. */
  interface LocalRunner {
    int run(
        Path dataDir,
        String dbUrl,
        Path file,
        Map<String, String> params,
        PrintStream out,
        PrintStream err);
  }

  @Override
  int execute() {
    if (!Files.isRegularFile(file)) {
      throw usage("Script file not found: " + file);
    }
    TlsTrust trust = new TlsTrust(dataDir.path(), false);
    Optional<LocalServer> server = LocalServer.find(trust);
    if (server.isEmpty()) {
      out().flush();
      String url = dbUrl == null || dbUrl.isBlank() ? null : dbUrl;
      return localRunner.run(
          dataDir.path(), url, file, ParamsConverter.toMap(params), System.out, System.err);
    }
    ObjectNode body = FerryClient.JSON.createObjectNode();
    body.put("name", file.getFileName().toString());
    body.put("source", readSource());
    body.set("params", params != null ? params : FerryClient.JSON.createObjectNode());
    try (FerryClient client = new FerryClient(server.get().url(), server.get().cliKey(), trust)) {
      JsonNode job = client.post("/v1/adm/run", body);
      return new JobFollower(client, JobFollower.DEFAULT_POLL_INTERVAL)
          .follow(job.path("id").asText(), out(), err(), false);
    }
  }

  private String readSource() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e, e);
    }
  }
}
