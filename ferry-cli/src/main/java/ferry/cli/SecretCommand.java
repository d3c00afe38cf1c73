package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry secret}: sets, lists and deletes the secrets scripts read with GetSecret. */
@Command(
    name = "secret",
    description =
        "Sets, lists and deletes secrets: values encrypted at rest that scripts read with"
            + " GetSecret(name). Values are never shown.",
    subcommands = {
      SecretCommand.SetSecret.class,
      SecretCommand.ListSecrets.class,
      SecretCommand.Delete.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry secret set s3-access-key --value-file ~/.secrets/s3-key",
      "  vault read -field=value secret/sftp | ferry secret set sftp-password",
      "  ferry secret list",
      "  ferry secret delete sftp-password"
    })
final class SecretCommand extends CommandGroup {
  static final String PATH = "/v1/adm/secrets";

  /** A customer's secret, {@code alice/partner-pub}, keeps its '/' between two segments. */
  static String path(String name) {
    int slash = name.indexOf('/');
    return PATH + "/" + (slash < 0 ? FerryClient.segment(name)
        : FerryClient.segment(name.substring(0, slash)) + "/" + FerryClient.segment(name.substring(slash + 1)));
  }

  @Command(
      name = "set",
      description = {
        "Creates a secret or rotates its value; every script then gets the new value.",
        "The value comes from --value, --value-file or, when neither is given, standard input;"
            + " one trailing line break is removed from a file or standard input."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  ferry secret set sftp-password --value-file /run/keys/sftp",
        "  printf '%%s' \"$TOKEN\" | ferry secret set api-token",
        "  ferry secret set smtp-password     (then type the value and press Ctrl-D)"
      })
  static final class SetSecret extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "Name scripts pass to GetSecret.")
    String name;

    @ArgGroup(exclusive = true)
    Source source;

    /** Reads the value when neither option is given; tests replace it. */
    InputStream stdin = System.in;

    /** At most one explicit source of the value. */
    static final class Source {
      @Option(
          names = "--value",
          paramLabel = "VALUE",
          description =
              "The value. Other local users may see it in the process list and it lands in"
                  + " shell history; prefer --value-file or standard input.")
      String value;

      @Option(names = "--value-file", paramLabel = "FILE", description = "File holding the value.")
      Path file;
    }

    @Override
    int execute(FerryClient client) {
      String value = value();
      if (value.isEmpty()) {
        throw usage("The value of secret " + name + " is empty");
      }
      var answer =
          client.send("PUT", path(name), FerryClient.JSON.createObjectNode().put("value", value));
      out().println((answer.status() == 201 ? "created" : "rotated") + " secret " + name);
      return 0;
    }

    private String value() {
      if (source != null && source.value != null) {
        return source.value;
      }
      try {
        if (source != null) {
          return withoutFinalNewline(Files.readString(source.file));
        }
        err().println("Reading the value of secret " + name + " from standard input...");
        err().flush();
        return withoutFinalNewline(new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CliException("cannot read the value of secret " + name + ": " + e, e);
      }
    }

    private static String withoutFinalNewline(String text) {
      if (text.endsWith("\r\n")) {
        return text.substring(0, text.length() - 2);
      }
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
  }

  @Command(
      name = "list",
      description = "Lists the secrets' names and dates (never their values).",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry secret list", "  ferry secret list --json"})
  static final class ListSecrets extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode answer = client.get(PATH);
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table = new Table("NAME", "CREATED", "UPDATED");
      for (JsonNode secret : answer.path("items")) {
        table.row(secret.path("name"), secret.path("createdAt"), secret.path("updatedAt"));
      }
      table.print(out(), "no secrets");
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Deletes a secret; scripts that read it get nothing from then on.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry secret delete sftp-password"})
  static final class Delete extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "Name of the secret.")
    String name;

    @Override
    int execute(FerryClient client) {
      client.delete(path(name));
      out().println("deleted secret " + name);
      return 0;
    }
  }
}
