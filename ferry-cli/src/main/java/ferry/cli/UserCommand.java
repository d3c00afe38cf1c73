package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry user}: file-server accounts. */
@Command(
    name = "user",
    description = {
      "Manages file-server users: who logs in over SFTP/SCP, their home storage, per-path permissions,"
          + " quotas and groups.",
      "Each user is the JSON of the reference API's User; flags set the common fields and override the"
          + " --json file. Passwords are stored as argon2id hashes and never shown."
    },
    subcommands = {
      UserCommand.Add.class,
      UserCommand.Update.class,
      UserCommand.Get.class,
      UserCommand.ListUsers.class,
      UserCommand.Delete.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry user add --username alice --password 'S3cret!' \\",
      "      --home-dir /srv/sftp/alice --permissions '/=*'",
      "  ferry user add --json alice.json --public-key ~/.ssh/id_ed25519.pub",
      "  ferry user update alice --quota-size 1073741824 \\",
      "      --permissions '/=list,download' '/in=*'",
      "  ferry user list",
      "  ferry user get alice"
    })
final class UserCommand extends CommandGroup {
  static final String PATH = "/v1/adm/users";
  static final int PAGE = 500;

  static String path(String name) {
    return PATH + "/" + FerryClient.segment(name);
  }

  /** The flags for common User fields. */
  static final class Flags {
    @Option(names = "--username", description = "Login name.")
    String username;

    @Option(names = "--password", description = "Password (stored as an argon2id hash; an argon2id or bcrypt hash is stored as is).")
    String password;

    @Option(names = "--public-key", paramLabel = "KEY|FILE",
        description = "OpenSSH public key, as text or a file (one key per line); repeatable, replaces the list.")
    List<String> publicKeys = new ArrayList<>();

    @Option(names = "--home-dir", description = "Absolute home directory (for local storage).")
    String homeDir;

    @Option(names = "--permissions", arity = "1..*", paramLabel = "PATH=PERMS",
        description = "Per-path permissions such as '/=*' '/in=list,upload'; replaces all of them.")
    List<String> permissions = new ArrayList<>();

    @Option(names = "--primary-group", paramLabel = "GROUP", description = "The group whose settings the user inherits.")
    String primaryGroup;

    @Option(names = "--quota-size", paramLabel = "BYTES", description = "Quota in bytes, 0 unlimited.")
    Long quotaSize;

    @Option(names = "--quota-files", paramLabel = "N", description = "Quota in files, 0 unlimited.")
    Long quotaFiles;

    @Option(names = "--status", paramLabel = "0|1", description = "1 enabled, 0 disabled.")
    Integer status;

    @Option(names = "--description", description = "Free text, e.g. the full name.")
    String description;

    void apply(ObjectNode u) {
      if (username != null) u.put("username", username);
      if (password != null) u.put("password", password);
      if (!publicKeys.isEmpty()) u.set("public_keys", AccountFlags.publicKeys(publicKeys));
      if (homeDir != null) u.put("home_dir", homeDir);
      if (!permissions.isEmpty()) u.set("permissions", AccountFlags.permissions(permissions));
      if (quotaSize != null) u.put("quota_size", quotaSize);
      if (quotaFiles != null) u.put("quota_files", quotaFiles);
      if (status != null) u.put("status", status);
      if (description != null) u.put("description", description);
      if (primaryGroup != null) {
        ArrayNode groups = FerryClient.JSON.createArrayNode();
        for (JsonNode g : u.path("groups")) if (g.path("type").asInt() != 1) groups.add(g);
        groups.addObject().put("name", primaryGroup).put("type", 1);
        u.set("groups", groups);
      }
    }
  }

  @Command(name = "add", description = "Adds a user.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry user add --username bob --public-key bob.pub \\",
          "      --home-dir /srv/sftp/bob --permissions '/=*'"})
  static final class Add extends AdminCommand {
    @Mixin AccountFlags.JsonFile json;
    @Mixin Flags flags;

    @Override
    int execute(FerryClient client) {
      ObjectNode u = AccountFlags.start(json.read(), null);
      flags.apply(u);
      if (!u.hasNonNull("username")) throw usage("give the user's name with --username or in the --json file");
      JsonNode created = client.post(PATH, u);
      out().println("added user " + created.path("username").asText());
      return 0;
    }
  }

  @Command(name = "update", description = "Replaces a user with the --json file, or changes the flags' fields of"
      + " the stored user. A password left out keeps the stored one; secrets sent as {\"status\": \"Redacted\"} keep"
      + " their value.",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry user update alice --password 'N3w-secret'", "  ferry user update --username alice --status 0",
          "  ferry user update --json alice.json"})
  static final class Update extends AdminCommand {
    @Parameters(paramLabel = "USERNAME", arity = "0..1",
        description = "The user to change; or give it with --username or in the --json file, as for add.")
    String name;

    @Mixin AccountFlags.JsonFile json;
    @Mixin Flags flags;

    @Override
    int execute(FerryClient client) {
      ObjectNode fromFile = json.read();
      List<String> names = AccountFlags.namesGiven(name, flags.username, fromFile, "username");
      if (names.isEmpty()) throw usage("give the user to change as USERNAME or with --username");
      if (names.size() > 1)
        throw usage("a user cannot be renamed: USERNAME, --username and the --json file name '"
            + String.join("' and '", names) + "'");
      String user = names.getFirst();
      ObjectNode u = AccountFlags.start(fromFile, fromFile == null ? client.get(path(user)) : null);
      flags.apply(u);
      client.send("PUT", path(user), u);
      out().println("updated user " + user);
      return 0;
    }
  }

  @Command(name = "get", description = "Prints a user's JSON (no password, secrets redacted).",
      footerHeading = "%nExamples:%n", footer = {"  ferry user get alice"})
  static final class Get extends AdminCommand {
    @Parameters(paramLabel = "USERNAME", description = "The user to show.")
    String name;

    @Override
    int execute(FerryClient client) {
      printJson(client.get(path(name)));
      return 0;
    }
  }

  @Command(name = "list", description = "Lists the users.",
      footerHeading = "%nExamples:%n", footer = {"  ferry user list", "  ferry user list --json"})
  static final class ListUsers extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      ArrayNode all = FerryClient.JSON.createArrayNode();
      for (int page = 1; ; page++) {
        JsonNode batch = client.get(PATH + "?page=" + page + "&limit=" + PAGE);
        batch.forEach(all::add);
        if (batch.size() < PAGE) break;
      }
      if (json.json) {
        printJson(all);
        return 0;
      }
      Table table = new Table("USERNAME", "STATUS", "HOME", "GROUPS", "QUOTA", "USED", "DESCRIPTION");
      for (JsonNode u : all) {
        List<String> groups = new ArrayList<>();
        for (JsonNode g : u.path("groups")) groups.add(g.path("name").asText() + (g.path("type").asInt() == 1 ? "*" : ""));
        table.row(u.path("username"), u.path("status").asInt() == 1 ? "enabled" : "disabled", home(u),
            String.join(",", groups), quota(u.path("quota_size").asLong(), u.path("quota_files").asLong()),
            quota(u.path("used_quota_size").asLong(), u.path("used_quota_files").asLong()), u.path("description"));
      }
      table.print(out(), "no users");
      return 0;
    }

    private static String home(JsonNode u) {
      JsonNode fs = u.path("filesystem");
      return switch (fs.path("provider").asInt()) {
        case 1 -> "s3://" + fs.path("s3config").path("bucket").asText() + "/" + fs.path("s3config").path("key_prefix").asText();
        case 5 -> "sftp://" + fs.path("sftpconfig").path("username").asText() + "@"
            + fs.path("sftpconfig").path("endpoint").asText() + fs.path("sftpconfig").path("prefix").asText();
        case 7 -> "ftp://" + fs.path("ftpconfig").path("endpoint").asText();
        default -> u.path("home_dir").asText().isEmpty() ? "(from group)" : u.path("home_dir").asText();
      };
    }

    static String quota(long size, long files) {
      return (size == 0 ? "-" : size + "B") + "/" + (files == 0 ? "-" : files + " files");
    }
  }

  @Command(name = "delete", description = "Deletes a user (its files stay where they are).",
      footerHeading = "%nExamples:%n", footer = {"  ferry user delete alice"})
  static final class Delete extends AdminCommand {
    @Parameters(paramLabel = "USERNAME", description = "The user to delete.")
    String name;

    @Override
    int execute(FerryClient client) {
      client.delete(path(name));
      out().println("deleted user " + name);
      return 0;
    }
  }
}
