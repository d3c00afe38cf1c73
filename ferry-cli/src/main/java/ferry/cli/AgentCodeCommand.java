package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry agent-code}: one-time codes with which an agent registers for a customer. */
@Command(
    name = "agent-code",
    description = "Makes one-time registration codes for agents of a customer.",
    subcommands = {AgentCodeCommand.Create.class},
    footerHeading = "%nExamples:%n",
    footer = {"  ferry agent-code create --customer alice", "  ferry agent-code create --customer alice --expires-in 2h"})
final class AgentCodeCommand extends CommandGroup {
  static final String PATH = "/api/agents/registration-codes";
  private static final Pattern LIFETIME = Pattern.compile("(\\d{1,6})([mhd]?)");

  /** Minutes in {@code 90}, {@code 90m}, {@code 2h} or {@code 1d}; null when it is none of them. */
  static Long minutes(String text) {
    Matcher m = LIFETIME.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) return null;
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "h" -> n * 60;
      case "d" -> n * 60 * 24;
      default -> n;
    };
  }

  @Command(name = "create",
      description = "Makes a code and prints it: the agent registers once with it (ferry agent --code CODE)."
          + " The code is shown this once.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry agent-code create --customer alice",
          "  CODE=$(ferry agent-code create --customer bob --json | jq -r .code)"})
  static final class Create extends AdminCommand {
    @Option(names = "--customer", required = true, paramLabel = "NAME", description = "The customer the agent will belong to.")
    String customer;

    @Option(names = "--expires-in", paramLabel = "TIME", defaultValue = "60m",
        description = "How long the code stays usable: minutes (90, 90m), hours (2h) or days (1d). Default: ${DEFAULT-VALUE}.")
    String expiresIn;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      Long minutes = minutes(expiresIn);
      if (minutes == null)
        throw usage("Invalid value for option '--expires-in': '" + expiresIn + "' (expected e.g. 90m, 2h or 1d)");
      ObjectNode body = FerryClient.JSON.createObjectNode().put("customer", customer).put("expiresInMinutes", minutes);
      JsonNode code = client.post(PATH, body).path("data");
      if (json.json) {
        printJson(code);
      } else {
        out().println("code:    " + code.path("code").asText());
        out().println("expires: " + code.path("expiresAt").asText());
      }
      err().println("Copy the code now: it is shown only this once and works for one agent.");
      return 0;
    }
  }
}
