package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry apikey}: creates, lists and revokes API keys. */
@Command(
    name = "apikey",
    description = "Creates, lists and revokes API keys (needs an admin key or the local CLI key).",
    subcommands = {
      ApiKeyCommand.Create.class,
      ApiKeyCommand.ListKeys.class,
      ApiKeyCommand.Revoke.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry apikey create --name ci-pipeline --allow-ip 10.0.0.0/8 --expires 90d",
      "  ferry apikey list",
      "  ferry apikey revoke 3kTQ0m9qZ2c1Yb7PxRj5sA"
    })
final class ApiKeyCommand extends CommandGroup {
  static final String PATH = "/v1/adm/apikeys";

  @Command(
      name = "create",
      description = {
        "Creates an API key and prints it with its id. The key is shown this once: Ferry"
            + " stores only its hash."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  ferry apikey create --name ci-pipeline",
        "  ferry apikey create --name box --allow-ip 192.168.1.10/32 --expires 365d",
        "  ferry apikey create --name ops --scope admin --expires 30d",
        "  KEY=$(ferry apikey create --name ci --json | jq -r .key)"
      })
  static final class Create extends AdminCommand {
    static final Set<String> SCOPES = Set.of("jobs", "admin");

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "Name of the key.")
    String name;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        defaultValue = "jobs",
        description = {
          "jobs: start jobs and read or cancel the jobs it started; admin: everything under /v1.",
          "Default: ${DEFAULT-VALUE}."
        })
    String scope;

    @Option(
        names = "--allow-ip",
        paramLabel = "CIDR",
        split = ",",
        description =
            "Address range allowed to use the key; repeat or separate with commas. Default: the"
                + " server's, 127.0.0.1/32 and ::1/128 (this machine; behind a --trusted-proxies proxy, the"
                + " forwarded client address is what is checked).")
    List<String> allowedIps;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        converter = ExpiryConverter.class,
        description = "When the key expires: " + ExpiryConverter.FORMS + ". Default: never.")
    Instant expires;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the key is for.")
    String description;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      if (!SCOPES.contains(scope)) {
        throw usage("Invalid value for option '--scope': '" + scope + "' (expected jobs or admin)");
      }
      ObjectNode body = FerryClient.JSON.createObjectNode().put("name", name).put("scope", scope);
      if (allowedIps != null) {
        allowedIps.forEach(body.putArray("allowedIps")::add);
      }
      body.put("expiresAt", expires == null ? null : expires.toString());
      if (description != null) {
        body.put("description", description);
      }
      JsonNode key = client.post(PATH, body);
      if (json.json) {
        printJson(key);
      } else {
        out().println("id:  " + key.path("id").asText());
        out().println("key: " + key.path("key").asText());
      }
      err().println("Copy the key now: it is shown only this once.");
      return 0;
    }
  }

  @Command(
      name = "list",
      description = "Lists the API keys (never their secrets).",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry apikey list", "  ferry apikey list --json | jq '.items[].name'"})
  static final class ListKeys extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode answer = client.get(PATH);
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table =
          new Table("ID", "NAME", "SCOPE", "STATUS", "ALLOWED IPS", "EXPIRES", "LAST USED");
      for (JsonNode key : answer.path("items")) {
        table.row(
            key.path("id"),
            key.path("name"),
            key.path("scope"),
            status(key),
            key.path("allowedIps"),
            key.path("expiresAt"),
            key.path("lastUsedAt"));
      }
      table.print(out(), "no API keys");
      return 0;
    }

    private static String status(JsonNode key) {
      if (key.hasNonNull("revokedAt")) {
        return "revoked";
      }
      try {
        if (key.hasNonNull("expiresAt")
            && Instant.parse(key.get("expiresAt").asText()).isBefore(Instant.now())) {
          return "expired";
        }
      } catch (DateTimeParseException e) {
        return "?";
      }
      return "active";
    }
  }

  @Command(
      name = "revoke",
      description = "Revokes an API key: calls with it get 401 from now on.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry apikey revoke 3kTQ0m9qZ2c1Yb7PxRj5sA"})
  static final class Revoke extends AdminCommand {
    @Parameters(
        paramLabel = "ID",
        description = "Id of the key: the part of the key before the dot (a whole key works too).")
    String key;

    @Override
    int execute(FerryClient client) {
      String id = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      client.delete(PATH + "/" + FerryClient.segment(id));
      out().println("revoked API key " + id);
      return 0;
    }
  }
}
