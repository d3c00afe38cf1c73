package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SshClients;
import ferry.it.support.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Defender in front of SFTP: repeated failed logins ban the source, a banned source is cut off
 * before the SSH handshake, and the ban expires. Loopback is taken off the safe list for this.
 */
class SftpDefenderIT {
  private static final String PW = "Defender-It-Pw-1";
  private static final int BAN_SECONDS = 3;

  @TempDir static Path tmp;
  static FerryProcess server;
  static SshClients ssh;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data"), List.of("--defender-safe-list", "none",
        "--defender-threshold", "4", "--defender-ban-time", String.valueOf(BAN_SECONDS)), Map.of());
    ssh = new SshClients(server.sftpPort(), tmp);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Launch.Result r = Launch.run(List.of("user", "add", "--username", "dana", "--password", PW, "--home-dir",
        home.toString(), "--permissions", "/=*"), Map.of(), tmp, null);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void repeatedFailedLoginsBanTheSourceUntilTheBanExpires() {
    assertThat(ssh.sftp("dana", PW, "ls /").exitCode()).isZero();

    // sshpass gives up at the second prompt: one failed login (score 2) per attempt, 4 bans
    for (int i = 0; i < 2; i++) {
      assertThat(ssh.sftp("dana", "wrong-password", "ls /").exitCode()).isNotZero();
    }
    long bannedAt = System.nanoTime();

    Launch.Result refused = ssh.sftp("dana", PW, "ls /");
    assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
    assertThat(refused.out()).contains("Connection closed").doesNotContain("assword");
    assertThat(server.log()).contains("SSH connection refused: remote_addr=127.0.0.1");

    long expiry = bannedAt + Duration.ofSeconds(BAN_SECONDS + 1).toNanos();
    Waits.until("the ban to expire", Duration.ofSeconds(BAN_SECONDS + 5),
        () -> System.nanoTime() > expiry ? Boolean.TRUE : null);
    Launch.Result again = ssh.sftp("dana", PW, "ls /");
    assertThat(again.exitCode()).as(again.toString()).isZero();
  }
}
