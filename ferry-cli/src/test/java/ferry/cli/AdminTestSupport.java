package ferry.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fake server advertised in a temp data dir, as {@code ferry serve} would leave it. */
abstract class AdminTestSupport {
  static final String CLI_KEY = "cliKeyId00000000000000.cliSecret";

  @TempDir Path dataDir;
  FakeFerry server;

  @BeforeEach
  void advertiseServer() throws Exception {
    server = FakeFerry.http();
    server.advertiseIn(dataDir, CLI_KEY);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Runs a command against the local server found through the data dir. */
  Cli.Result ferry(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data-dir", dataDir.toString()));
    return Cli.run(all.toArray(String[]::new));
  }
}
