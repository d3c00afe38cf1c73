package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many guesses one connection gets, what a ban does to open connections, and what unknown users cost. */
class LoginLimitsTest {
  static final String BOB = "bob";
  static final String PASSWORD = "Secret-pw-1";
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path tmp;
  static Fixture fx;

  @BeforeAll
  static void start() {
    fx = new Fixture(tmp.resolve("ssh"));
    fx.addUser(BOB, PASSWORD, List.of(), Fixture.perms(Permission.ALL), 0);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @BeforeEach
  void reset() {
    fx.defender.events.clear();
    fx.defender.banned.clear();
    fx.users.passwordChecks.set(0);
  }

  ClientSession connect(String user) throws IOException {
    return fx.client.connect(user, "127.0.0.1", fx.port).verify(WAIT).getSession();
  }

  static void awaitClosed(ClientSession s) {
    s.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), WAIT);
    assertThat(s.isOpen()).as("connection closed by the server").isFalse();
  }

  @Test
  void passwordGuessesOnOneConnectionStopAtMaxAuthTriesAndTheConnectionIsClosed() throws IOException {
    try (ClientSession s = connect(BOB)) {
      for (int i = 0; i < 20; i++) {
        s.addPasswordIdentity("wrong-" + i);
      }
      s.addPasswordIdentity(PASSWORD);
      assertThatThrownBy(() -> s.auth().verify(WAIT)).isInstanceOf(IOException.class);
      assertThat(s.isAuthenticated()).isFalse();
      awaitClosed(s);
    }
    assertThat(fx.users.passwordChecks).hasValue(SftpdConfig.DEFAULT_MAX_AUTH_TRIES);
  }

  @Test
  void guessesRetriedOneByOneOnOneConnectionStopAtMaxAuthTries() throws IOException {
    try (ClientSession s = connect(BOB)) {
      for (int i = 0; i < 20 && s.isOpen(); i++) {
        s.addPasswordIdentity("wrong-" + i);
        assertThatThrownBy(() -> s.auth().verify(WAIT)).isInstanceOf(IOException.class);
        s.removePasswordIdentity("wrong-" + i);
      }
      awaitClosed(s);
    }
    assertThat(fx.users.passwordChecks).hasValue(SftpdConfig.DEFAULT_MAX_AUTH_TRIES);
  }

  @Test
  void everyRefusedKeyCountsAsAFailedAttemptAsInOpenSsh() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    try (ClientSession s = connect(BOB)) {
      for (int i = 0; i < SftpdConfig.DEFAULT_MAX_AUTH_TRIES; i++) {
        s.addPublicKeyIdentity(gen.generateKeyPair());
      }
      s.addPasswordIdentity(PASSWORD);
      assertThatThrownBy(() -> s.auth().verify(WAIT)).isInstanceOf(IOException.class);
      awaitClosed(s);
    }
    assertThat(fx.users.passwordChecks).as("no password tried after the keys used up every attempt").hasValue(0);
  }

  @Test
  void aBanRefusesTheRightPasswordOnAConnectionAlreadyOpen() throws IOException {
    try (ClientSession s = connect(BOB)) {
      s.addPasswordIdentity("wrong");
      assertThatThrownBy(() -> s.auth().verify(WAIT)).isInstanceOf(IOException.class);
      fx.defender.banned.add("127.0.0.1"); // banned elsewhere, say over HTTP, and nobody told the SSH server
      s.removePasswordIdentity("wrong");
      s.addPasswordIdentity(PASSWORD);
      assertThatThrownBy(() -> s.auth().verify(WAIT)).isInstanceOf(IOException.class);
      assertThat(s.isAuthenticated()).isFalse();
    }
  }

  @Test
  void aBanClosesTheAddressesConnectionsThatHaveNotLoggedIn() throws IOException {
    try (ClientSession in = fx.login(BOB, PASSWORD);
        ClientSession waiting = connect(BOB)) {
      // past the key exchange the server holds the session among its active ones, where a ban looks;
      // banning right after connect could come before the server registered it, and miss it
      waiting.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), WAIT);
      fx.defender.ban("127.0.0.1");
      awaitClosed(waiting);
      assertThat(in.isOpen()).as("a logged-in session is not cut by a ban").isTrue();
    }
  }

  @Test
  void anUnknownUserCostsAPasswordCheckAsAWrongPasswordDoes() {
    assertThatThrownBy(() -> fx.login(BOB, "wrong")).isInstanceOf(IOException.class);
    int forWrongPassword = fx.users.passwordChecks.getAndSet(0);
    assertThatThrownBy(() -> fx.login("nobody", "wrong")).isInstanceOf(IOException.class);
    assertThat(fx.users.passwordChecks).as("password checks for an unknown user").hasValue(forWrongPassword);
    assertThat(forWrongPassword).isEqualTo(1);
  }
}
