package ferry.sftpd;

import ferry.core.auth.Defender;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login attempts one connection gets (issue 10). As OpenSSH's {@code MaxAuthTries}, every
 * failed password and every refused key counts, a key accepted for a signature does not, and the
 * last failure closes the connection. A banned source gets no attempt, and a ban closes its
 * connections that have not logged in. MINA's own limit (MAX_AUTH_REQUESTS) is no such limit: it
 * counts requests, failed or not ("none", key queries it accepts), and only when the next arrives.
 */
final class LoginAttempts {
  private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);
  private static final AttributeKey<AtomicInteger> FAILURES = new AttributeKey<>();

  private final Defender defender;
  private final int maxTries;

  LoginAttempts(Defender defender, int maxTries) {
    this.defender = defender;
    this.maxTries = maxTries;
  }

  /**
   * Runs {@code check} as one attempt of {@code session} and counts it if it fails; refuses without
   * running it when the source is banned or the connection has used up its attempts.
   */
  boolean attempt(Session session, BooleanSupplier check) {
    String ip = LoginCheck.ip(session);
    if (defender.isBanned(ip)) {
      log.warn("SSH login refused: remote_addr={}: banned; closing the connection", ip);
      disconnect(session, SshConstants.SSH2_DISCONNECT_HOST_NOT_ALLOWED_TO_CONNECT, "Banned");
      return false;
    }
    AtomicInteger failures = session.computeAttributeIfAbsent(FAILURES, k -> new AtomicInteger());
    if (failures.get() >= maxTries) {
      return false; // a check queued before the connection used up its attempts
    }
    boolean ok = false;
    try {
      ok = check.getAsBoolean();
    } finally {
      if (!ok && failures.incrementAndGet() == maxTries) {
        log.warn("SSH connection closed: remote_addr={}: {} failed login attempts (max_auth_tries)", ip, maxTries);
        // OpenSSH's words, in place of the failure message
        disconnect(session, SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
            "Too many authentication failures");
      }
    }
    return ok;
  }

  /** Closes the connections from {@code ip} among {@code sessions} that have not logged in. */
  void banned(String ip, Collection<? extends Session> sessions) {
    for (Session s : sessions) {
      if (!s.isAuthenticated() && !s.isClosing() && ip.equals(LoginCheck.ip(s))) {
        log.info("SSH connection closed: remote_addr={}: banned while logging in", ip);
        disconnect(s, SshConstants.SSH2_DISCONNECT_HOST_NOT_ALLOWED_TO_CONNECT, "Banned");
      }
    }
  }

  private static void disconnect(Session session, int reason, String message) {
    try {
      session.disconnect(reason, message);
    } catch (IOException e) {
      log.debug("disconnect failed; closing at once: {}", e.toString());
      session.close(true);
    }
  }
}
