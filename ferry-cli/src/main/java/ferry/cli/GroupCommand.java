package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry group}: groups whose settings users inherit. */
@Command(
    name = "group",
    description = {
      "Manages groups of file-server users. A user's primary group fills what the user leaves unset (home"
          + " directory with %%username%%, storage, quotas, permissions); secondary groups add virtual folders,"
          + " sub-path permissions and filters.",
      "Each group is the JSON of the reference API's Group; flags set the common fields (inside user_settings)"
          + " and override the --json file."
    },
    subcommands = {
      GroupCommand.Add.class,
      GroupCommand.Update.class,
      GroupCommand.Get.class,
      GroupCommand.ListGroups.class,
      GroupCommand.Delete.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry group add --name staff --home-dir '/srv/sftp/%%username%%' \\",
      "      --permissions '/=*'",
      "  ferry group add --json partners.json",
      "  ferry group list",
      "  ferry group delete staff"
    })
final class GroupCommand extends CommandGroup {
  static final String PATH = "/v1/adm/groups";

  static String path(String name) {
    return PATH + "/" + FerryClient.segment(name);
  }

  /** The flags for common Group fields. */
  static final class Flags {
    @Option(names = "--name", description = "Group name.")
    String name;

    @Option(names = "--description", description = "Free text.")
    String description;

    @Option(names = "--home-dir", description = "Members' home directory; %%username%% is replaced by each login name.")
    String homeDir;

    @Option(names = "--permissions", arity = "1..*", paramLabel = "PATH=PERMS",
        description = "Per-path permissions such as '/=*' '/in=list,upload'; replaces all of them.")
    List<String> permissions = new ArrayList<>();

    @Option(names = "--quota-size", paramLabel = "BYTES", description = "Members' quota in bytes, 0 unlimited.")
    Long quotaSize;

    @Option(names = "--quota-files", paramLabel = "N", description = "Members' quota in files, 0 unlimited.")
    Long quotaFiles;

    void apply(ObjectNode g) {
      if (name != null) g.put("name", name);
      if (description != null) g.put("description", description);
      ObjectNode s = g.path("user_settings") instanceof ObjectNode o ? o : g.putObject("user_settings");
      if (homeDir != null) s.put("home_dir", homeDir);
      if (!permissions.isEmpty()) s.set("permissions", AccountFlags.permissions(permissions));
      if (quotaSize != null) s.put("quota_size", quotaSize);
      if (quotaFiles != null) s.put("quota_files", quotaFiles);
    }
  }

  @Command(name = "add", description = "Adds a group.",
      footerHeading = "%nExamples:%n", footer = {"  ferry group add --name staff --quota-size 1073741824"})
  static final class Add extends AdminCommand {
    @Mixin AccountFlags.JsonFile json;
    @Mixin Flags flags;

    @Override
    int execute(FerryClient client) {
      ObjectNode g = AccountFlags.start(json.read(), null);
      flags.apply(g);
      if (!g.hasNonNull("name")) throw usage("give the group's name with --name or in the --json file");
      JsonNode created = client.post(PATH, g);
      out().println("added group " + created.path("name").asText());
      return 0;
    }
  }

  @Command(name = "update", description = "Replaces a group with the --json file, or changes the flags' fields of"
      + " the stored group.",
      footerHeading = "%nExamples:%n", footer = {"  ferry group update staff --permissions '/=*' '/ro=list'",
          "  ferry group update --name staff --quota-files 1000"})
  static final class Update extends AdminCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1",
        description = "The group to change; or give it with --name or in the --json file, as for add.")
    String name;

    @Mixin AccountFlags.JsonFile json;
    @Mixin Flags flags;

    @Override
    int execute(FerryClient client) {
      ObjectNode fromFile = json.read();
      List<String> names = AccountFlags.namesGiven(name, flags.name, fromFile, "name");
      if (names.isEmpty()) throw usage("give the group to change as NAME or with --name");
      if (names.size() > 1)
        throw usage("a group cannot be renamed: NAME, --name and the --json file name '"
            + String.join("' and '", names) + "'");
      String group = names.getFirst();
      ObjectNode g = AccountFlags.start(fromFile, fromFile == null ? client.get(path(group)) : null);
      flags.apply(g);
      client.send("PUT", path(group), g);
      out().println("updated group " + group);
      return 0;
    }
  }

  @Command(name = "get", description = "Prints a group's JSON (secrets redacted), with its members.",
      footerHeading = "%nExamples:%n", footer = {"  ferry group get staff"})
  static final class Get extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The group to show.")
    String name;

    @Override
    int execute(FerryClient client) {
      printJson(client.get(path(name)));
      return 0;
    }
  }

  @Command(name = "list", description = "Lists the groups.",
      footerHeading = "%nExamples:%n", footer = {"  ferry group list", "  ferry group list --json"})
  static final class ListGroups extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode answer = client.get(PATH);
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table = new Table("NAME", "MEMBERS", "HOME", "QUOTA", "DESCRIPTION");
      for (JsonNode g : answer) {
        JsonNode s = g.path("user_settings");
        table.row(g.path("name"), g.path("users"), s.path("home_dir"),
            UserCommand.ListUsers.quota(s.path("quota_size").asLong(), s.path("quota_files").asLong()),
            g.path("description"));
      }
      table.print(out(), "no groups");
      return 0;
    }
  }

  @Command(name = "delete", description = "Deletes a group nobody is a member of.",
      footerHeading = "%nExamples:%n", footer = {"  ferry group delete staff"})
  static final class Delete extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The group to delete.")
    String name;

    @Override
    int execute(FerryClient client) {
      client.delete(path(name));
      out().println("deleted group " + name);
      return 0;
    }
  }
}
