package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Reading account JSON files and the flags users and groups share. */
final class AccountFlags {
  private AccountFlags() {}

  /** The optional {@code --json FILE} holding a reference User or Group object. */
  static final class JsonFile {
    @Option(names = "--json", paramLabel = "FILE",
        description = "File with the object's JSON (the reference API's User or Group); flags override its fields.")
    Path file;

    /** The file's object, or null without --json. */
    ObjectNode read() {
      return file == null ? null : JsonText.readObjectFile(file);
    }
  }

  /** {@code '/=*' '/in=list,upload'} as a permissions object. */
  static ObjectNode permissions(List<String> specs) {
    ObjectNode perms = FerryClient.JSON.createObjectNode();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1)
        throw new CliException("--permissions takes PATH=PERM[,PERM...] such as '/=*' or '/in=list,upload', got '"
            + spec + "'");
      ArrayNode values = perms.putArray(spec.substring(0, eq).trim());
      for (String p : spec.substring(eq + 1).split(",")) if (!p.isBlank()) values.add(p.trim());
    }
    return perms;
  }

  /** Keys given as files (one key per line, # comments skipped) or as the key text itself. */
  static ArrayNode publicKeys(List<String> values) {
    ArrayNode keys = FerryClient.JSON.createArrayNode();
    for (String v : values) {
      Path p = Path.of(v.trim().isEmpty() ? "." : v.trim().split("\\s")[0]);
      if (!v.trim().contains(" ") && Files.isRegularFile(p)) {
        try {
          for (String line : Files.readAllLines(p)) {
            if (!line.isBlank() && !line.trim().startsWith("#")) keys.add(line.trim());
          }
        } catch (IOException e) {
          throw new CliException("cannot read public key file " + p + ": " + e.getMessage(), e);
        }
      } else {
        keys.add(v.trim());
      }
    }
    return keys;
  }

  /**
   * The distinct names an update was given for its account, in the order argument, flag, file, so
   * that {@code update} accepts the name where {@code add} does ({@code --username}, the file).
   */
  static List<String> namesGiven(String argument, String flag, ObjectNode fromFile, String field) {
    Set<String> names = new LinkedHashSet<>();
    if (argument != null) names.add(argument);
    if (flag != null) names.add(flag);
    if (fromFile != null && fromFile.path(field).isTextual()) names.add(fromFile.path(field).asText());
    return List.copyOf(names);
  }

  /** The object to send: the file's, or {@code base} (the stored object on update), or an empty one. */
  static ObjectNode start(ObjectNode fromFile, JsonNode base) {
    if (fromFile != null) return fromFile;
    if (base instanceof ObjectNode o) return o.deepCopy();
    return FerryClient.JSON.createObjectNode();
  }
}
