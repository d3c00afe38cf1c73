package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry connections}: who is connected to the file server, and closing a connection. */
@Command(
    name = "connections",
    description = "Lists the live SFTP/SCP connections of the server and closes one.",
    subcommands = {ConnectionCommand.ListConnections.class, ConnectionCommand.Close.class},
    footerHeading = "%nExamples:%n",
    footer = {"  ferry connections list", "  ferry connections close sftp_Xb3kQ9aZ1mPq"})
final class ConnectionCommand extends CommandGroup {
  static final String PATH = "/v1/adm/connections";

  @Command(name = "list", description = "Lists live connections: user, protocol, client address, since when, and the transfers in progress.",
      footerHeading = "%nExamples:%n", footer = {"  ferry connections list", "  ferry connections list --json"})
  static final class ListConnections extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode answer = client.get(PATH);
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table = new Table("ID", "USER", "PROTOCOL", "FROM", "SINCE", "TRANSFERS");
      for (JsonNode c : answer) {
        table.row(c.path("connection_id"), c.path("username"), c.path("protocol"), c.path("remote_address"),
            Instant.ofEpochMilli(c.path("connection_time").asLong()), transfers(c.path("active_transfers")));
      }
      table.print(out(), "no connections");
      return 0;
    }

    private static String transfers(JsonNode list) {
      StringBuilder b = new StringBuilder();
      for (JsonNode t : list) {
        if (!b.isEmpty()) b.append(", ");
        b.append(t.path("operation_type").asText()).append(' ').append(t.path("path").asText())
            .append(" (").append(t.path("size").asLong()).append(" bytes)");
      }
      return b.isEmpty() ? Table.NONE : b.toString();
    }
  }

  @Command(name = "close", description = "Closes a live connection; its open uploads are aborted and recorded as failed.",
      footerHeading = "%nExamples:%n", footer = {"  ferry connections close sftp_Xb3kQ9aZ1mPq"})
  static final class Close extends AdminCommand {
    @Parameters(paramLabel = "ID", description = "Connection id, as shown by 'ferry connections list'.")
    String id;

    @Override
    int execute(FerryClient client) {
      client.delete(PATH + "/" + FerryClient.segment(id));
      out().println("closed connection " + id);
      return 0;
    }
  }
}
