package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.account.Permission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server offers before login: algorithms older clients can use, and nothing that no one answers. */
class OfferedAlgorithmsTest {
  static final String PASSWORD = "Secret-pw-1";

  @TempDir static Path tmp;
  static Fixture fx;

  @BeforeAll
  static void start() {
    fx = new Fixture(tmp.resolve("ssh"));
    fx.addUser("bob", PASSWORD, List.of(), Fixture.perms(Permission.ALL), 0);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void onlyMethodsThatAnswerAreAdvertisedAndNothingIsCompressedBeforeLogin() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ssh", "-vvv", "-oBatchMode=yes", "-oPubkeyAuthentication=no",
        "-oPasswordAuthentication=no", "-oKbdInteractiveAuthentication=no"));
    cmd.addAll(Clients.NO_HOST_CHECK);
    cmd.addAll(List.of("-p", String.valueOf(fx.port), "bob@127.0.0.1", "true"));
    Clients.Result r = Clients.run(cmd);
    assertThat(r.code()).as(r.out()).isNotZero();
    assertThat(r.out()).contains("Permission denied (publickey,password)");
    // the server's proposal as OpenSSH prints it: zlib@openssh.com starts only after login, zlib at once
    String server = r.out().substring(r.out().indexOf("peer server KEXINIT proposal"));
    assertThat(server).containsPattern("compression ctos: none,zlib@openssh.com\\R")
        .containsPattern("compression stoc: none,zlib@openssh.com\\R");
  }

  @Test
  void aClientWithoutEtmMacsAeadOrChachaLogsIn() throws Exception {
    // what libssh2 1.10 (curl's sftp:// and scp:// on Debian 12, PHP's ssh2) offers
    SshClient client = SshClient.setUpDefaultClient();
    client.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.aes128ctr, BuiltinCiphers.aes256ctr));
    client.setMacFactories(List.<NamedFactory<Mac>>of(BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha512));
    logInAndList(client);
  }

  @Test
  void eachDefaultKeyExchangeNegotiates() throws Exception {
    for (String kex : SftpdConfig.DEFAULT_KEX) {
      SshClient client = SshClient.setUpDefaultClient();
      client.setKeyExchangeFactories(List.of(ClientBuilder.DH2KEX.apply(BuiltinDHFactories.fromFactoryName(kex))));
      logInAndList(client);
    }
  }

  private static void logInAndList(SshClient client) throws Exception {
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
    try (ClientSession s = client.connect("bob", "127.0.0.1", fx.port).verify(Duration.ofSeconds(10)).getSession()) {
      s.addPasswordIdentity(PASSWORD);
      s.auth().verify(Duration.ofSeconds(10));
      try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
        assertThat(sftp.stat("/").isDirectory()).isTrue();
      }
    } finally {
      client.stop();
    }
  }
}
