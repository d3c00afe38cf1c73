package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry defender}: the source IPs the Defender has banned, and lifting a ban. */
@Command(
    name = "defender",
    description = {
      "Shows and lifts the Defender's bans. The Defender scores failed logins, invalid API keys"
          + " and refused connections per source IP; past the threshold the IP is banned on every"
          + " protocol for a time that doubles with each repeat offence.",
      "Bans live in the memory of each node: they are per node and end with a restart."
    },
    subcommands = {DefenderCommand.ListBans.class, DefenderCommand.Unban.class},
    footerHeading = "%nExamples:%n",
    footer = {"  ferry defender list", "  ferry defender list --json", "  ferry defender unban 203.0.113.7"})
final class DefenderCommand extends CommandGroup {
  static final String PATH = "/v1/adm/defender/hosts";

  @Command(name = "list", description = "Lists the banned source IPs, until when, and their offence count.",
      footerHeading = "%nExamples:%n", footer = {"  ferry defender list", "  ferry defender list --json"})
  static final class ListBans extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode answer = client.get(PATH);
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table = new Table("IP", "BANNED UNTIL", "OFFENCES");
      for (JsonNode b : answer) table.row(b.path("ip"), b.path("ban_time"), b.path("offences"));
      table.print(out(), "no banned hosts");
      return 0;
    }
  }

  @Command(name = "unban", description = "Lifts the ban of a source IP and clears its score. Exits 1 if it was not banned.",
      footerHeading = "%nExamples:%n", footer = {"  ferry defender unban 203.0.113.7", "  ferry defender unban 2001:db8::1"})
  static final class Unban extends AdminCommand {
    @Parameters(paramLabel = "IP", description = "The banned IPv4 or IPv6 address.")
    String ip;

    @Override
    int execute(FerryClient client) {
      client.delete(PATH + "/" + FerryClient.segment(ip.trim()));
      out().println("unbanned " + ip.trim());
      return 0;
    }
  }
}
