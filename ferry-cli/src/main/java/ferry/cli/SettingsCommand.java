package ferry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry settings}: reads and changes the runtime settings. Names are kebab-case on the
 * command line ({@code allow-cli-run}) and camelCase in the API ({@code allowCliRun}).
 */
@Command(
    name = "settings",
    description = "Shows and changes the server's runtime settings, such as allow-cli-run.",
    subcommands = {SettingsCommand.Get.class, SettingsCommand.SetValue.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry settings get",
      "  ferry settings get allow-cli-run",
      "  ferry settings set allow-cli-run true"
    })
final class SettingsCommand extends CommandGroup {
  static final String PATH = "/v1/adm/settings";
  private static final Pattern KEBAB_PART = Pattern.compile("-([a-z0-9])");
  private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

  /** {@code allow-cli-run} → {@code allowCliRun}; camelCase names pass unchanged. */
  static String toField(String name) {
    Matcher matcher = KEBAB_PART.matcher(name);
    StringBuilder field = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(field, matcher.group(1).toUpperCase(Locale.ROOT));
    }
    return matcher.appendTail(field).toString();
  }

  /** {@code allowCliRun} → {@code allow-cli-run}. */
  static String toName(String field) {
    return CAMEL_HUMP.matcher(field).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The current value of a setting, or a failure naming the known settings. */
  static JsonNode current(JsonNode settings, String name) {
    JsonNode value = settings.get(toField(name));
    if (value == null) {
      List<String> known = new ArrayList<>();
      settings.fieldNames().forEachRemaining(f -> known.add(toName(f)));
      throw new CliException(
          "unknown setting " + name + "; the server has: " + String.join(", ", known));
    }
    return value;
  }

  @Command(
      name = "get",
      description = "Prints all settings, or the value of one.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ferry settings get",
        "  ferry settings get allow-cli-run",
        "  ferry settings get --json"
      })
  static final class Get extends AdminCommand {
    @Parameters(
        arity = "0..1",
        paramLabel = "NAME",
        description = "Setting to print, e.g. allow-cli-run. Default: all of them.")
    String name;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode settings = client.get(PATH);
      if (name != null) {
        JsonNode value = current(settings, name);
        out().println(json.json ? value.toString() : value.asText());
        return 0;
      }
      if (json.json) {
        printJson(settings);
        return 0;
      }
      Table table = new Table("NAME", "VALUE");
      settings.properties().forEach(e -> table.row(toName(e.getKey()), e.getValue()));
      table.print(out(), "no settings");
      return 0;
    }
  }

  @Command(
      name = "set",
      description =
          "Changes one setting. The value must suit the setting: true or false for a switch, a"
              + " number for a number.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry settings set allow-cli-run true"})
  static final class SetValue extends AdminCommand {
    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "Setting to change, e.g. allow-cli-run.")
    String name;

    @Parameters(index = "1", paramLabel = "VALUE", description = "Its new value.")
    String value;

    @Override
    int execute(FerryClient client) {
      JsonNode typed = typed(current(client.get(PATH), name));
      JsonNode settings =
          client.patch(PATH, FerryClient.JSON.createObjectNode().set(toField(name), typed));
      out().println(toName(toField(name)) + " = " + Table.text(settings.path(toField(name))));
      return 0;
    }

    /** The value in the JSON type of the setting's current value. */
    private JsonNode typed(JsonNode current) {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      if (current.isBoolean()) {
        return switch (value.toLowerCase(Locale.ROOT)) {
          case "true", "on", "yes" -> nodes.booleanNode(true);
          case "false", "off", "no" -> nodes.booleanNode(false);
          default -> throw usage("Setting " + name + " takes true or false, not '" + value + "'");
        };
      }
      if (current.isTextual() || current.isNull()) {
        return current.isNull() ? parsedOrText() : nodes.textNode(value);
      }
      JsonNode parsed = parsedOrText();
      if (current.isNumber() && !parsed.isNumber()) {
        throw usage("Setting " + name + " takes a number, not '" + value + "'");
      }
      return parsed;
    }

    private JsonNode parsedOrText() {
      try {
        JsonNode parsed = FerryClient.JSON.readTree(value);
        return parsed == null || parsed.isMissingNode()
            ? JsonNodeFactory.instance.textNode(value)
            : parsed;
      } catch (JsonProcessingException e) {
        return JsonNodeFactory.instance.textNode(value);
      }
    }
  }
}
