package ferry.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The tests' own PostgreSQL, for when no test database is configured: a fresh cluster made with
 * the installed server binaries (initdb, postgres) in a temporary directory, on a free port of
 * 127.0.0.1 only, trust authentication, superuser {@value #SUPERUSER}. One per JVM, started on
 * first use, stopped and deleted when the JVM exits. As root it runs as the account {@code
 * postgres} (initdb refuses root).
 *
 * <p>postgres runs under a small shell that stops it (fast shutdown) when its stdin, a pipe from
 * this JVM, closes: the JVM closes it at exit, and the kernel closes it when the JVM is killed, so
 * no server outlives its tests. A directory left by a killed JVM is deleted at the next start.
 */
final class PrivatePostgres {
  private static final String SUPERUSER = "ferry";
  private static final String DIR_PREFIX = "ferry-test-pg-";
  private static final String INSTALL_HINT = "apt-get install postgresql";
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int PORT_ATTEMPTS = 3;
  /** Runs "$@" (postgres) in the background and sends it SIGINT when stdin reaches its end. */
  private static final String WATCHDOG =
      "exec 3<&0; \"$@\" 3<&- </dev/null & pg=$!; "
          + "{ cat <&3 >/dev/null; kill -INT $pg 2>/dev/null; } 3<&3 & exec 3<&-; wait $pg";
  /** TCP on loopback only, no Unix socket; no disk syncs, since durability is not what tests check. */
  private static final List<String> SETTINGS =
      List.of("listen_addresses=127.0.0.1", "unix_socket_directories=", "fsync=off",
          "synchronous_commit=off", "full_page_writes=off", "max_connections=200",
          "shared_buffers=32MB");

  private static PrivatePostgres running;
  private static IllegalStateException failure;

  private final Path dir;
  private final Path data;
  private Process server;
  private int port;

  private PrivatePostgres(Path dir) {
    this.dir = dir;
    this.data = dir.resolve("data");
  }

  /** The URL of the {@code postgres} database as superuser, starting the server on first call. */
  static synchronized String adminUrl() {
    if (failure != null) throw new IllegalStateException(failure.getMessage(), failure);
    if (running == null) {
      try {
        running = start();
      } catch (IOException | RuntimeException e) {
        failure = new IllegalStateException("Could not start the tests' private PostgreSQL: "
            + e.getMessage() + ". Or point the tests at a running server where the user may"
            + " CREATE DATABASE: FERRY_TEST_PG_URL='jdbc:postgresql://127.0.0.1:5432/postgres"
            + "?user=NAME&password=PASSWORD' ./ferry test", e);
        throw failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the tests' PostgreSQL", e);
      }
    }
    return running.url();
  }

  private String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER;
  }

  private static PrivatePostgres start() throws IOException, InterruptedException {
    Path bin = serverBinaries(candidateDirs(Path.of("/usr/lib/postgresql"), System.getenv().getOrDefault("PATH", "")));
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    removeLeftovers(tmp);
    PrivatePostgres pg = new PrivatePostgres(
        Files.createTempDirectory(tmp, DIR_PREFIX + ProcessHandle.current().pid() + "-"));
    Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "private-postgres-stop"));
    RunAs as = RunAs.forServer(pg.dir);
    pg.initdb(bin, as);
    pg.startServer(bin, as);
    System.err.println("ferry tests: private PostgreSQL on 127.0.0.1:" + pg.port + " in " + pg.dir
        + " (FERRY_TEST_PG_URL names another server)");
    return pg;
  }

  private void initdb(Path bin, RunAs as) throws IOException, InterruptedException {
    Path log = dir.resolve("initdb.log");
    Process p = as.builder(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
            "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"), dir)
        .redirectOutput(log.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    if (!p.waitFor(INITDB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("initdb did not finish in " + INITDB_TIMEOUT.toSeconds() + " s: " + tail(log));
    }
    if (p.exitValue() != 0) throw new IOException("initdb exited with " + p.exitValue() + ": " + tail(log));
  }

  /** Starts postgres on a free port; tries another port when one was taken in between. */
  private void startServer(Path bin, RunAs as) throws IOException, InterruptedException {
    Path log = dir.resolve("postgres.log");
    for (int attempt = 1; ; attempt++) {
      port = freePort();
      List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "ferry-test-pg",
          bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port)));
      SETTINGS.forEach(s -> command.addAll(List.of("-c", s)));
      server = as.builder(command, dir).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectErrorStream(true).start();
      if (awaitReady()) return;
      stopServer();
      String why = tail(log);
      if (attempt == PORT_ATTEMPTS || !why.contains("could not bind")) {
        throw new IOException("postgres did not start: " + why);
      }
    }
  }

  private boolean awaitReady() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (server.isAlive() && Instant.now().isBefore(deadline)) {
      try (Connection c = DriverManager.getConnection(url())) {
        return true;
      } catch (SQLException notYet) {
        server.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    return false;
  }

  private synchronized void stop() {
    stopServer();
    deleteTree(dir);
  }

  private void stopServer() {
    if (server == null) return;
    try {
      server.getOutputStream().close(); // the watchdog's cue for a fast shutdown
      if (!server.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        postmaster(data).ifPresent(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
      }
    } catch (IOException e) {
      server.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  /** The directories that may hold initdb and postgres: Debian's, newest version first, then PATH. */
  static List<Path> candidateDirs(Path debianRoot, String path) {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> versions = Files.list(debianRoot)) {
      versions.sorted(Comparator.comparing(PrivatePostgres::versionOf).reversed())
          .forEach(v -> dirs.add(v.resolve("bin")));
    } catch (IOException notDebian) {
      // no Debian layout: PATH alone
    }
    for (String entry : path.split(":")) if (!entry.isEmpty()) dirs.add(Path.of(entry));
    return dirs;
  }

  /** The first of {@code dirs} that holds both initdb and postgres. */
  static Path serverBinaries(List<Path> dirs) {
    return dirs.stream()
        .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("postgres")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("found no PostgreSQL server binaries (initdb and"
            + " postgres) in /usr/lib/postgresql/*/bin or on PATH; install them: " + INSTALL_HINT));
  }

  private static double versionOf(Path versionDir) {
    try {
      return Double.parseDouble(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Deletes the directories of JVMs that are gone (killed before their shutdown hook ran). */
  private static void removeLeftovers(Path tmp) throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
      for (Path d : dirs) {
        String[] parts = d.getFileName().toString().substring(DIR_PREFIX.length()).split("-");
        long owner;
        try {
          owner = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
          continue;
        }
        if (ProcessHandle.of(owner).isPresent()) continue;
        postmaster(d.resolve("data")).ifPresent(h -> {
          h.destroy(); // its clients died with their JVM: a smart shutdown ends at once
          h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
        });
        deleteTree(d);
      }
    }
  }

  /** The running postmaster of a data directory, by its postmaster.pid. */
  private static Optional<ProcessHandle> postmaster(Path data) {
    try {
      String pid = Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip();
      return ProcessHandle.of(Long.parseLong(pid))
          .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    } catch (IOException | RuntimeException noServer) {
      return Optional.empty();
    }
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException gone) {
      // already gone, or a file vanished meanwhile: nothing left to do
    }
  }

  /** Who runs initdb and postgres: this process's user, or an unprivileged account under root. */
  private record RunAs(List<String> prefix) {
    static RunAs forServer(Path dir) throws IOException {
      if (!"root".equals(System.getProperty("user.name"))) return new RunAs(List.of());
      String account = accountExists("postgres") ? "postgres" : "nobody";
      Files.setOwner(dir, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(account));
      return new RunAs(List.of(runuser(), "-u", account, "--"));
    }

    ProcessBuilder builder(List<String> command, Path workDir) {
      List<String> full = new ArrayList<>(prefix);
      full.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile());
      pb.environment().put("LC_ALL", "C");
      return pb;
    }

    private static boolean accountExists(String name) throws IOException {
      try {
        FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
        return true;
      } catch (UserPrincipalNotFoundException e) {
        return false;
      }
    }

    private static String runuser() {
      return Stream.of("/usr/sbin/runuser", "/sbin/runuser")
          .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse("runuser");
    }
  }
}
