package ferry.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH's own {@code sshd} on a free loopback port, serving SFTP (internal-sftp) to one client
 * key for the user running the tests; host and client keys are made with {@code ssh-keygen}.
 */
public final class OpenSshd implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final int port;
  private final String fingerprint;

  private OpenSshd(Path dir, Process process, int port, String fingerprint) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.fingerprint = fingerprint;
  }

  /** Starts one in {@code dir} (its keys, config and log live there). */
  public static OpenSshd start(Path dir) throws IOException, InterruptedException {
    Path sshd = Files.isExecutable(Path.of("/usr/sbin/sshd")) ? Path.of("/usr/sbin/sshd") : Path.of("sshd");
    Files.createDirectories(dir);
    run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "ferry-it-host", "-f", dir.resolve("host_key").toString());
    run(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "ferry-it-client", "-f", dir.resolve("client_key").toString());
    Files.writeString(dir.resolve("authorized_keys"), Files.readString(dir.resolve("client_key.pub")));
    String fingerprint = run(dir, "ssh-keygen", "-lf", dir.resolve("host_key.pub").toString()).split("\\s+")[1];
    String user = System.getProperty("user.name");
    Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"), "PidFile none",
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "AuthenticationMethods publickey",
        "PubkeyAuthentication yes", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
        "StrictModes no", "PermitRootLogin prohibit-password", "AllowUsers " + user, "Subsystem sftp internal-sftp",
        "AllowTcpForwarding no", "X11Forwarding no", "PrintMotd no", "UseDNS no", "LogLevel INFO", ""));
    if ("root".equals(user)) Files.createDirectories(Path.of("/run/sshd")); // privilege separation dir
    for (int attempt = 0; attempt < 5; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path log = dir.resolve("sshd.log");
      Files.deleteIfExists(log);
      Process p = new ProcessBuilder(sshd.toString(), "-D", "-f", dir.resolve("sshd_config").toString(), "-p", String.valueOf(port),
          "-E", log.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < end && p.isAlive()) {
        if (Files.exists(log) && Files.readString(log).contains("Server listening on 127.0.0.1 port " + port))
          return new OpenSshd(dir, p, port, fingerprint);
        Thread.sleep(50);
      }
      p.destroyForcibly();
    }
    throw new IllegalStateException("OpenSSH sshd did not start: " + (Files.exists(dir.resolve("sshd.log"))
        ? Files.readString(dir.resolve("sshd.log")) : "") + Files.readString(dir.resolve("sshd.out")));
  }

  public int port() {
    return port;
  }

  /** The host key's {@code SHA256:...} fingerprint, to pin. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The user the client key logs in as. */
  public String user() {
    return System.getProperty("user.name");
  }

  /** The client's private key (OpenSSH format, no passphrase). */
  public String clientKey() throws IOException {
    return Files.readString(dir.resolve("client_key"));
  }

  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
