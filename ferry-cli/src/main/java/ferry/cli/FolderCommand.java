package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry folder}: the VFS Library of named storage endpoints. */
@Command(
    name = "folder",
    description = {
      "Manages the VFS Library: named storage endpoints (local disk, S3, SFTP, FTP/FTPS) that"
          + " scripts open with VirtualFSByName(name).",
      "Each folder is the JSON of a BaseVirtualFolder: {\"name\", \"description\", \"mapped_path\","
          + " \"filesystem\": {\"provider\": 0|1|5|7, \"s3config\"|\"sftpconfig\"|\"ftpconfig\": {...}}}."
          + " Secrets are {\"status\": \"Plain\", \"payload\": \"...\"}; they are encrypted when saved and"
          + " never shown again."
    },
    subcommands = {
      FolderCommand.Add.class,
      FolderCommand.Update.class,
      FolderCommand.Get.class,
      FolderCommand.ListFolders.class,
      FolderCommand.Delete.class,
      FolderCommand.Test.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry folder add --json partner-sftp.json",
      "  ferry folder test partner-sftp",
      "  ferry folder list",
      "  ferry folder get archive-s3 --json"
    })
final class FolderCommand extends CommandGroup {
  static final String PATH = "/v1/adm/folders";

  static String path(String name) {
    return PATH + "/" + FerryClient.segment(name);
  }

  /** The {@code --json FILE} option holding a BaseVirtualFolder. */
  static final class FolderFile {
    @Option(names = "--json", paramLabel = "FILE", required = true, description = "File with the folder's JSON.")
    Path file;

    JsonNode read() {
      return JsonText.readObjectFile(file);
    }
  }

  @Command(name = "add", description = "Adds a folder to the VFS Library.",
      footerHeading = "%nExamples:%n", footer = {"  ferry folder add --json archive-s3.json"})
  static final class Add extends AdminCommand {
    @Mixin FolderFile json;

    @Override
    int execute(FerryClient client) {
      JsonNode f = client.post(PATH, json.read());
      out().println("added folder " + f.path("name").asText());
      return 0;
    }
  }

  @Command(name = "update", description = "Replaces a folder's description, mapped path and filesystem; secrets sent as {\"status\": \"Redacted\"} keep their value.",
      footerHeading = "%nExamples:%n", footer = {"  ferry folder update archive-s3 --json archive-s3.json"})
  static final class Update extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "Name of the folder.")
    String name;

    @Mixin FolderFile json;

    @Override
    int execute(FerryClient client) {
      client.send("PUT", path(name), json.read());
      out().println("updated folder " + name);
      return 0;
    }
  }

  @Command(name = "get", description = "Prints a folder's JSON (secrets redacted).",
      footerHeading = "%nExamples:%n", footer = {"  ferry folder get archive-s3"})
  static final class Get extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "Name of the folder.")
    String name;

    @Override
    int execute(FerryClient client) {
      printJson(client.get(path(name)));
      return 0;
    }
  }

  @Command(name = "list", description = "Lists the folders of the VFS Library.",
      footerHeading = "%nExamples:%n", footer = {"  ferry folder list", "  ferry folder list --json"})
  static final class ListFolders extends AdminCommand {
    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      JsonNode answer = client.get(PATH);
      if (json.json) {
        printJson(answer);
        return 0;
      }
      Table table = new Table("NAME", "PROVIDER", "WHERE", "DESCRIPTION");
      for (JsonNode f : answer) {
        JsonNode fs = f.path("filesystem");
        table.row(f.path("name"), provider(fs.path("provider").asInt()), where(f, fs), f.path("description"));
      }
      table.print(out(), "no folders");
      return 0;
    }

    private static String provider(int p) {
      return switch (p) {
        case 0 -> "local";
        case 1 -> "s3";
        case 5 -> "sftp";
        case 7 -> "ftp";
        default -> String.valueOf(p);
      };
    }

    private static String where(JsonNode f, JsonNode fs) {
      return switch (fs.path("provider").asInt()) {
        case 1 -> "s3://" + fs.path("s3config").path("bucket").asText() + "/" + fs.path("s3config").path("key_prefix").asText();
        case 5 -> fs.path("sftpconfig").path("username").asText() + "@" + fs.path("sftpconfig").path("endpoint").asText();
        case 7 -> fs.path("ftpconfig").path("endpoint").asText();
        default -> f.path("mapped_path").asText();
      };
    }
  }

  @Command(name = "delete", description = "Removes a folder from the VFS Library (its files stay where they are).",
      footerHeading = "%nExamples:%n", footer = {"  ferry folder delete archive-s3"})
  static final class Delete extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "Name of the folder.")
    String name;

    @Override
    int execute(FerryClient client) {
      client.delete(path(name));
      out().println("deleted folder " + name);
      return 0;
    }
  }

  @Command(name = "test", description = "Connects to the folder's storage and lists its root; says exactly what failed (DNS, refused, login, host key, permission). Exits 1 on failure.",
      footerHeading = "%nExamples:%n", footer = {"  ferry folder test partner-sftp"})
  static final class Test extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "Name of the folder.")
    String name;

    @Override
    int execute(FerryClient client) {
      JsonNode r = client.post(path(name) + "/test", FerryClient.JSON.createObjectNode());
      (r.path("ok").asBoolean() ? out() : err()).println(r.path("message").asText());
      return r.path("ok").asBoolean() ? 0 : 1;
    }
  }
}
