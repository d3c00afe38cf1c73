package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry customer}: grants, takes and lists the customer role of the orchestration face (/api). */
@Command(
    name = "customer",
    description = "Gives file-server users the customer role (they own agents and jobs on /api), takes it, lists it.",
    subcommands = {CustomerCommand.Add.class, CustomerCommand.Remove.class, CustomerCommand.ListCustomers.class},
    footerHeading = "%nExamples:%n",
    footer = {"  ferry customer add alice", "  ferry customer list", "  ferry customer remove alice"})
final class CustomerCommand extends CommandGroup {
  static final String PATH = "/api/customers";

  @Command(name = "add", description = "Makes an existing file-server user a customer.",
      footerHeading = "%nExamples:%n", footer = {"  ferry user add --username alice --password 'S3cret!' ...",
          "  ferry customer add alice"})
  static final class Add extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The user's name.")
    String name;

    @Override
    int execute(FerryClient client) {
      client.put(PATH + "/" + FerryClient.segment(name), FerryClient.JSON.createObjectNode());
      out().println("user " + name + " is a customer");
      return 0;
    }
  }

  @Command(name = "remove", description = "Takes the customer role away; the user, its agents and jobs stay.",
      footerHeading = "%nExamples:%n", footer = {"  ferry customer remove alice"})
  static final class Remove extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The customer's name.")
    String name;

    @Override
    int execute(FerryClient client) {
      client.delete(PATH + "/" + FerryClient.segment(name));
      out().println("user " + name + " is no longer a customer");
      return 0;
    }
  }

  @Command(name = "list", description = "Lists the customers.",
      footerHeading = "%nExamples:%n", footer = {"  ferry customer list", "  ferry customer list --json"})
  static final class ListCustomers extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode names = client.get(PATH).path("data");
      if (json.json) {
        printJson(names);
        return 0;
      }
      if (names.isEmpty()) out().println("no customers");
      names.forEach(n -> out().println(n.asText()));
      return 0;
    }
  }
}
