package ferry.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real SSH clients the SFTP suites drive: OpenSSH {@code sftp -b} and {@code scp} (password
 * logins through {@code sshpass}), {@code lftp}, and {@code curl} (libssh2). Host keys are not checked (a new server per
 * run). Each call returns the exit code and everything the client printed.
 */
public final class SshClients {
  public static final List<String> NO_HOST_CHECK =
      List.of("-oStrictHostKeyChecking=no", "-oUserKnownHostsFile=/dev/null", "-oLogLevel=ERROR");

  private final int port;
  private final Path dir;

  /** Clients of the server on 127.0.0.1:{@code port}; batch files go to {@code dir}. */
  public SshClients(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** {@code sftp -b} logging in with {@code password}, running {@code lines}. */
  public Launch.Result sftp(String user, String password, String... lines) {
    return sftp(new ArrayList<>(List.of("sshpass", "-p", password, "sftp", "-oBatchMode=no")), user, lines);
  }

  /** {@code sftp -b} logging in with the private key {@code key}, running {@code lines}. */
  public Launch.Result sftpWithKey(String user, Path key, String... lines) {
    return sftp(
        new ArrayList<>(List.of("sftp", "-i", key.toString(), "-oIdentitiesOnly=yes", "-oPasswordAuthentication=no")),
        user, lines);
  }

  private Launch.Result sftp(List<String> cmd, String user, String... lines) {
    try {
      Path batch = Files.createTempFile(dir, "sftp-batch", ".txt");
      Files.writeString(batch, String.join("\n", lines) + "\n");
      cmd.addAll(NO_HOST_CHECK);
      cmd.addAll(List.of("-P", String.valueOf(port), "-b", batch.toString(), user + "@127.0.0.1"));
      return run(cmd);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code scp -O} (the SCP protocol, not SFTP) with a password, from {@code from} to {@code to}. */
  public Launch.Result scp(String password, String from, String to) {
    return scp(password, from, to, new String[] {"-O"});
  }

  /** OpenSSH {@code scp} in its default mode since 9.0, which speaks SFTP underneath. */
  public Launch.Result scpOverSftp(String password, String from, String to) {
    return scp(password, from, to, new String[0]);
  }

  /** {@code scp} with extra {@code options} (e.g. {@code -O}, {@code -p}) and a password. */
  public Launch.Result scp(String password, String from, String to, String... options) {
    List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, "scp"));
    cmd.addAll(List.of(options));
    cmd.add("-oBatchMode=no");
    cmd.addAll(NO_HOST_CHECK);
    cmd.addAll(List.of("-P", String.valueOf(port), from, to));
    return run(cmd);
  }

  /** {@code lftp} (SFTP v6 over ssh) running {@code commands}; stops at the first failing one. */
  public Launch.Result lftp(String user, String password, String commands) {
    String script = "set sftp:connect-program \"ssh -a -x " + String.join(" ", NO_HOST_CHECK) + "\"; "
        + "set net:max-retries 1; set cmd:fail-exit yes; " + commands + "; bye";
    return run(List.of("lftp", "-u", user + "," + password, "-p", String.valueOf(port), "-e", script,
        "sftp://127.0.0.1"));
  }

  /**
   * {@code curl} (libssh2, as PHP's ssh2 and many appliances use) on {@code scheme://} ({@code
   * sftp} or {@code scp}) {@code path} of this server, with a password and extra {@code args}.
   */
  public Launch.Result curl(String scheme, String user, String password, String path, String... args) {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--insecure", "--user", user + ":" + password));
    cmd.addAll(List.of(args));
    cmd.add(scheme + "://127.0.0.1:" + port + path);
    return run(cmd);
  }

  /** Generates an ed25519 key pair without passphrase; returns the private key file. */
  public static Path keygen(Path file) {
    Launch.Result r = run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString()));
    if (r.exitCode() != 0) throw new IllegalStateException("ssh-keygen failed: " + r);
    return file;
  }

  /** Runs a client to its end (at most 3 minutes), stdout and stderr together. */
  public static Launch.Result run(List<String> cmd) {
    try {
      Path out = Files.createTempFile("ssh-client", ".out");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(cmd.get(0) + " did not finish in 180 s:\n" + Files.readString(out));
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      return new Launch.Result(p.exitValue(), text, "");
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd.get(0) + " (`./ferry test` installs it when run as root): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
