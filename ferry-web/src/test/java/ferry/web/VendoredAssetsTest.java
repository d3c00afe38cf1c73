package ferry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The browser libraries Ferry serves are exactly the ones {@code VENDORED.md} lists: each file's
 * SHA-256 equals the table's, and no script or stylesheet under {@code static/vendor} is unlisted.
 */
class VendoredAssetsTest {
  static final Path VENDOR = Path.of("src/main/resources/ferry/web/static/vendor");
  /** A table row: | package | version | file | licence | sha256 |. */
  static final Pattern ROW = Pattern.compile("^\\|[^|]+\\|[^|]+\\|\\s*([^|\\s]+)\\s*\\|[^|]+\\|\\s*([0-9a-f]{64})\\s*\\|\\s*$");

  static Map<String, String> table() throws IOException {
    Map<String, String> sums = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("VENDORED.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) sums.put(m.group(1), m.group(2));
    }
    return sums;
  }

  @Test
  void everyVendoredFileHasTheRecordedSha256() throws Exception {
    Map<String, String> table = table();
    assertThat(table).as("rows of VENDORED.md").isNotEmpty();
    for (Map.Entry<String, String> row : table.entrySet()) {
      Path file = VENDOR.resolve(row.getKey());
      assertThat(file).as("vendored file of VENDORED.md").isRegularFile();
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
      assertThat(sha).as("SHA-256 of " + row.getKey() + " (VENDORED.md says why it may change)").isEqualTo(row.getValue());
    }
  }

  @Test
  void noVendoredScriptOrStylesheetIsUnlisted() throws Exception {
    Map<String, String> table = table();
    List<String> served;
    try (Stream<Path> files = Files.walk(VENDOR)) {
      served = files.filter(Files::isRegularFile).map(p -> VENDOR.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(".js") || p.endsWith(".css") || p.endsWith(".mjs")).toList();
    }
    assertThat(served).isNotEmpty();
    assertThat(table.keySet()).containsAll(served);
  }
}
