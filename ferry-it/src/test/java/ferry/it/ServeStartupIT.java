package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.Shell;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ferry serve} says at start (issue 11): a listener that cannot bind stops it before
 * anything is announced or the first admin created, naming the flag to change; the SSH host key
 * fingerprints it prints are those OpenSSH sees.
 */
class ServeStartupIT {
  private static final Pattern PRINTED_FINGERPRINT = Pattern.compile("SSH host key (\\w+) (SHA256:[A-Za-z0-9+/]+)");
  /** {@code ssh-keygen -l}: "256 SHA256:... [127.0.0.1]:2022 (ED25519)". */
  private static final Pattern OPENSSH_FINGERPRINT = Pattern.compile("^\\d+ (SHA256:[A-Za-z0-9+/]+) .*\\((\\w+)\\)$");

  @TempDir Path tmp;

  @Test
  void aBusySftpPortStopsStartupBeforeAnythingIsAnnouncedOrCreatedAndNamesTheFlag() throws IOException {
    Path data = tmp.resolve("sftp-busy");
    try (ServerSocket busy = holdLoopbackPort()) {
      Launch.Result r = serveWithGeneratedPassword(data, "--http-port", "0", "--sftp-port",
          String.valueOf(busy.getLocalPort()));
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).as(r.toString())
          .contains("127.0.0.1:" + busy.getLocalPort())
          .contains("--sftp-port")
          .contains("turn SFTP/SCP off with --sftp-port -1");
      assertNothingAnnouncedOrCreated(r, data);
    }
    assertTheNextStartCreatesTheFirstAdmin(data);
  }

  @Test
  void aBusyHttpPortStopsStartupBeforeAnythingIsAnnouncedOrCreatedAndNamesTheFlag() throws IOException {
    Path data = tmp.resolve("http-busy");
    try (ServerSocket busy = holdLoopbackPort()) {
      Launch.Result r = serveWithGeneratedPassword(data, "--http-port", String.valueOf(busy.getLocalPort()),
          "--sftp-port", "0");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).as(r.toString())
          .contains("127.0.0.1:" + busy.getLocalPort())
          .contains("--http-port")
          .doesNotContain("\tat ");
      assertNothingAnnouncedOrCreated(r, data);
    }
    assertTheNextStartCreatesTheFirstAdmin(data);
  }

  @Test
  void theSshHostKeyFingerprintsPrintedAtStartAreThoseOpenSshComputes() throws IOException {
    try (FerryProcess server = FerryProcess.start(tmp.resolve("keys"))) {
      List<String> printed = new ArrayList<>();
      Matcher m = PRINTED_FINGERPRINT.matcher(server.log());
      while (m.find()) printed.add(m.group(1) + " " + m.group(2));

      Launch.Result scan = Shell.run(List.of("ssh-keyscan", "-p", String.valueOf(server.sftpPort()), "127.0.0.1"));
      assertThat(scan.exitCode()).as(scan.toString()).isZero();
      Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), scan.out());
      Launch.Result keygen = Shell.run(List.of("ssh-keygen", "-lf", knownHosts.toString()));
      assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
      List<String> computed = new ArrayList<>();
      for (String line : keygen.out().strip().split("\n")) {
        Matcher k = OPENSSH_FINGERPRINT.matcher(line.strip());
        assertThat(k.matches()).as("ssh-keygen line: " + line).isTrue();
        computed.add(k.group(2) + " " + k.group(1));
      }
      assertThat(computed).hasSize(3);
      assertThat(printed).as(server.log()).containsExactlyInAnyOrderElementsOf(computed);
    }
  }

  private static ServerSocket holdLoopbackPort() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
  }

  /** {@code ferry serve} on a new data dir with no FERRY_ADMIN_PASSWORD, run until it exits. */
  private Launch.Result serveWithGeneratedPassword(Path data, String... flags) {
    List<String> args = new ArrayList<>(List.of("serve", "--data-dir", data.toString()));
    args.addAll(List.of(flags));
    return Launch.run(args, Map.of(), tmp, null);
  }

  private static void assertNothingAnnouncedOrCreated(Launch.Result r, Path data) {
    assertThat(r.out()).as(r.toString()).doesNotContain("Created admin");
    assertThat(r.err()).as(r.toString()).doesNotContain("listening").doesNotContain("SSH host key")
        .doesNotContain("started");
    assertThat(data.resolve("initial-admin-password")).doesNotExist();
    assertThat(data.resolve("server.json")).doesNotExist();
  }

  /** The failed start created no admin: the next one creates it and shows its password once. */
  private static void assertTheNextStartCreatesTheFirstAdmin(Path data) {
    try (FerryProcess server = FerryProcess.start(data, List.of(), Map.of("FERRY_ADMIN_PASSWORD", ""))) {
      assertThat(server.log()).contains("Created admin 'admin' with password: ");
      assertThat(data.resolve("initial-admin-password")).exists();
    }
  }
}
