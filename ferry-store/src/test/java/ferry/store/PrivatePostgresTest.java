package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the tests' own PostgreSQL finds its server binaries, and what it says when there are none. */
class PrivatePostgresTest {
  @TempDir Path tmp;

  @Test
  void takesTheFirstDirectoryHoldingBothInitdbAndPostgres() throws Exception {
    Path clientOnly = dir("client", "psql", "initdb");
    Path server = dir("server", "initdb", "postgres");
    Path later = dir("later", "initdb", "postgres");

    assertThat(PrivatePostgres.serverBinaries(List.of(tmp.resolve("absent"), clientOnly, server, later)))
        .isEqualTo(server);
  }

  @Test
  void withoutServerBinariesTheMessageNamesThePackage() throws Exception {
    Path clientOnly = dir("client", "psql", "pg_dump");

    assertThatThrownBy(() -> PrivatePostgres.serverBinaries(List.of(clientOnly)))
        .hasMessageContaining("initdb")
        .hasMessageContaining("apt-get install postgresql");
  }

  @Test
  void debiansNewestVersionComesFirstThenPath() throws Exception {
    Path debian = tmp.resolve("usr-lib-postgresql");
    for (String v : List.of("9.6", "15", "13")) Files.createDirectories(debian.resolve(v).resolve("bin"));

    assertThat(PrivatePostgres.candidateDirs(debian, "/opt/pg/bin::/usr/bin"))
        .containsExactly(debian.resolve("15/bin"), debian.resolve("13/bin"), debian.resolve("9.6/bin"),
            Path.of("/opt/pg/bin"), Path.of("/usr/bin"));
    assertThat(PrivatePostgres.candidateDirs(tmp.resolve("no-debian"), "/usr/bin")).containsExactly(Path.of("/usr/bin"));
  }

  private Path dir(String name, String... executables) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(name));
    for (String e : executables) {
      Files.createFile(d.resolve(e), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    return d;
  }
}
