package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Runs OpenSSH's sftp/scp and lftp against a server on loopback. */
final class Clients {
  static final List<String> NO_HOST_CHECK =
      List.of("-oStrictHostKeyChecking=no", "-oUserKnownHostsFile=/dev/null", "-oLogLevel=ERROR");

  record Result(int code, String out) {}

  private Clients() {}

  static Result run(List<String> cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile("client", ".out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not finish in 120 s:\n" + Files.readString(out));
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Files.deleteIfExists(out);
    return new Result(p.exitValue(), text);
  }

  /** {@code sftp -b} with a password (through sshpass) and the given batch lines. */
  static Result sftpPassword(int port, String user, String password, Path dir, String... lines)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, "sftp", "-oBatchMode=no"));
    return sftp(cmd, port, user, dir, lines);
  }

  /** {@code sftp -b} with a key and the given batch lines. */
  static Result sftpKey(int port, String user, Path key, Path dir, String... lines)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("sftp", "-i", key.toString(), "-oIdentitiesOnly=yes", "-oPasswordAuthentication=no"));
    return sftp(cmd, port, user, dir, lines);
  }

  private static Result sftp(List<String> cmd, int port, String user, Path dir, String... lines)
      throws IOException, InterruptedException {
    Path batch = Files.createTempFile(dir, "batch", ".txt");
    Files.writeString(batch, String.join("\n", lines) + "\n");
    cmd.addAll(NO_HOST_CHECK);
    cmd.addAll(List.of("-P", String.valueOf(port), "-b", batch.toString(), user + "@127.0.0.1"));
    return run(cmd);
  }

  /** {@code scp} with a password; {@code legacy} selects the SCP protocol (-O) over SFTP. */
  static Result scp(int port, String password, boolean legacy, String from, String to)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, "scp", "-oBatchMode=no"));
    if (legacy) {
      cmd.add("-O");
    }
    cmd.addAll(NO_HOST_CHECK);
    cmd.addAll(List.of("-P", String.valueOf(port), from, to));
    return run(cmd);
  }

  /** {@code lftp} (SFTP v6 over ssh) running {@code commands}. */
  static Result lftp(int port, String user, String password, String commands)
      throws IOException, InterruptedException {
    String script =
        "set sftp:connect-program \"ssh -a -x " + String.join(" ", NO_HOST_CHECK) + "\"; "
            + "set net:max-retries 1; set cmd:fail-exit yes; "
            + commands;
    return run(
        List.of(
            "lftp", "-u", user + "," + password, "-p", String.valueOf(port), "-e", script + "; bye",
            "sftp://127.0.0.1"));
  }

  static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }
}
