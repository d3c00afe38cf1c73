package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry script}: stores, lists, shows and deletes scripts. */
@Command(
    name = "script",
    description = "Stores, lists, shows and deletes the scripts that jobs run.",
    subcommands = {
      ScriptCommand.Put.class,
      ScriptCommand.ListScripts.class,
      ScriptCommand.Get.class,
      ScriptCommand.Delete.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry script put --name \"My Backup Job\" -f backup.js",
      "  ferry script list",
      "  ferry script get \"My Backup Job\" > backup.js",
      "  ferry script delete \"My Backup Job\""
    })
final class ScriptCommand extends CommandGroup {
  static final String PATH = "/v1/adm/scripts";

  static String path(String idOrName) {
    return PATH + "/" + FerryClient.segment(idOrName);
  }

  @Command(
      name = "put",
      description =
          "Stores a script file under a name: creates the script, or updates its source (and"
              + " description, when given) if a script of that name exists.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ferry script put --name \"My Backup Job\" -f backup.js",
        "  ferry script put --name nightly -f nightly.js --description \"daily copy\""
      })
  static final class Put extends AdminCommand {
    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "Name of the script, unique case-insensitively; `ferry start -n` uses it.")
    String name;

    @Option(
        names = {"-f", "--file"},
        required = true,
        paramLabel = "FILE",
        description = "File holding the script's JavaScript source.")
    Path file;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the script does.")
    String description;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      String source = read(file);
      ObjectNode body = FerryClient.JSON.createObjectNode().put("source", source);
      if (description != null) {
        body.put("description", description);
      }
      JsonNode script;
      String verb;
      try {
        script = client.post(PATH, body.deepCopy().put("name", name));
        verb = "created";
      } catch (ApiException e) {
        if (e.status() != 409) {
          throw e;
        }
        script = client.send("PUT", path(name), body).body();
        verb = "updated";
      }
      if (json.json) {
        printJson(script);
      } else {
        out()
            .println(
                verb
                    + " script "
                    + script.path("name").asText(name)
                    + " (id "
                    + script.path("id").asText()
                    + ")");
      }
      return 0;
    }

    private String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw usage("Cannot read script file " + file + ": " + e);
      }
    }
  }

  @Command(
      name = "list",
      description = "Lists the stored scripts, sorted by name.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry script list", "  ferry script list --json | jq -r '.items[].name'"})
  static final class ListScripts extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode answer = client.get(PATH);
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table = new Table("ID", "NAME", "UPDATED", "DESCRIPTION");
      for (JsonNode script : answer.path("items")) {
        table.row(
            script.path("id"),
            script.path("name"),
            script.path("updatedAt"),
            script.path("description"));
      }
      table.print(out(), "no scripts");
      return 0;
    }
  }

  @Command(
      name = "get",
      description = "Prints a script's source, or the whole script as JSON with --json.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ferry script get \"My Backup Job\" > backup.js",
        "  ferry script get p3fEoexohdHj6SXrvuT8H8 --json"
      })
  static final class Get extends AdminCommand {
    @Parameters(
        paramLabel = "NAME|ID",
        description = "Name (case-insensitive) or id of the script.")
    String idOrName;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode script = client.get(path(idOrName));
      if (json.json) {
        printJson(script);
        return 0;
      }
      String source = script.path("source").asText();
      out().print(source);
      if (!source.isEmpty() && !source.endsWith("\n")) {
        out().println();
      }
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Deletes a stored script.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry script delete \"My Backup Job\""})
  static final class Delete extends AdminCommand {
    @Parameters(
        paramLabel = "NAME|ID",
        description = "Name (case-insensitive) or id of the script.")
    String idOrName;

    @Override
    int execute(FerryClient client) {
      client.delete(path(idOrName));
      out().println("deleted script " + idOrName);
      return 0;
    }
  }
}
