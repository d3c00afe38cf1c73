package ferry.vfs.ftp;

import ferry.vfs.VfsErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;

/**
 * Logged-in FTP control connections. FTP runs one transfer per connection, so every open stream or
 * upload holds its own; idle ones are kept for reuse and checked with NOOP after a pause.
 */
final class FtpPool implements AutoCloseable {
  private static final int MAX_IDLE = 4;
  private static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(10);

  private record Idle(FTPClient client, Instant since) {}

  private final FtpVfsConfig config;
  private final String endpoint;
  private final TrustManager trust;
  private final Clock clock;
  private final Deque<Idle> idle = new ArrayDeque<>();
  private boolean closed;

  FtpPool(FtpVfsConfig config, String endpoint, Clock clock) throws IOException {
    this.config = config;
    this.endpoint = endpoint;
    this.clock = clock;
    this.trust =
        config.tlsMode() == FtpVfsConfig.TlsMode.NONE ? null : trustManager(config, endpoint);
  }

  private static TrustManager trustManager(FtpVfsConfig config, String endpoint)
      throws IOException {
    if (config.tlsInsecure()) {
      return TrustManagerUtils.getAcceptAllTrustManager();
    }
    try {
      if (config.trustedCertPem().isEmpty()) {
        // The JVM's trust store. (commons-net's "validate server certificate" manager only
        // checks dates, not the chain.)
        return TrustManagerUtils.getDefaultTrustManager(null);
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      var pem =
          new ByteArrayInputStream(config.trustedCertPem().getBytes(StandardCharsets.US_ASCII));
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        store.setCertificateEntry("trusted-" + i++, cert);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return tmf.getTrustManagers()[0];
    } catch (GeneralSecurityException e) {
      throw new IOException(endpoint + ": cannot read ftp.trusted_cert", e);
    }
  }

  /** Returns a logged-in connection; give it back with {@link #release} or {@link #discard}. */
  FTPClient borrow() throws IOException {
    while (true) {
      Idle candidate;
      synchronized (this) {
        if (closed) {
          throw new IOException(endpoint + ": file system is closed");
        }
        candidate = idle.pollFirst();
      }
      if (candidate == null) {
        return connect();
      }
      if (isUsable(candidate)) {
        return candidate.client();
      }
      discard(candidate.client());
    }
  }

  private boolean isUsable(Idle candidate) {
    if (!candidate.client().isConnected()) {
      return false;
    }
    if (Duration.between(candidate.since(), clock.instant()).compareTo(CHECK_AFTER_IDLE) < 0) {
      return true;
    }
    try {
      return candidate.client().sendNoOp();
    } catch (IOException e) {
      return false;
    }
  }

  /** Returns a healthy connection for reuse. */
  void release(FTPClient client) {
    synchronized (this) {
      if (!closed && client.isConnected() && idle.size() < MAX_IDLE) {
        idle.addFirst(new Idle(client, clock.instant()));
        return;
      }
    }
    discard(client);
  }

  /** Drops a connection whose state is unknown. */
  void discard(FTPClient client) {
    try {
      client.disconnect();
    } catch (IOException e) {
      // Already broken; nothing else to release.
    }
  }

  private FTPClient connect() throws IOException {
    FTPClient c =
        switch (config.tlsMode()) {
          case NONE -> new FTPClient();
          case EXPLICIT -> new FTPSClient("TLS", false);
          case IMPLICIT -> new FTPSClient("TLS", true);
        };
    if (c instanceof FTPSClient tls) {
      tls.setTrustManager(trust);
      tls.setEndpointCheckingEnabled(!config.tlsInsecure());
    }
    int millis = (int) config.timeout().toMillis();
    c.setControlEncoding(StandardCharsets.UTF_8.name());
    c.setConnectTimeout(millis);
    c.setDefaultTimeout(millis);
    c.setDataTimeout(config.timeout());
    try {
      c.connect(config.host(), config.effectivePort());
      c.setSoTimeout(millis);
      if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
        throw new IOException(endpoint + ": server refused the connection: " + FtpErrors.reply(c));
      }
      if (!c.login(config.username(), config.password())) {
        throw VfsErrors.accessDenied(
            endpoint,
            "login failed for user " + config.username() + ": " + FtpErrors.reply(c),
            null);
      }
      if (c instanceof FTPSClient tls) {
        tls.execPBSZ(0);
        tls.execPROT("P");
      }
      if (!c.setFileType(FTP.BINARY_FILE_TYPE)) {
        throw new IOException(endpoint + ": cannot switch to binary mode: " + FtpErrors.reply(c));
      }
      if (config.passive()) {
        c.enterLocalPassiveMode();
      }
      return c;
    } catch (IOException e) {
      discard(c);
      if (e instanceof java.nio.file.AccessDeniedException
          || e.getMessage() != null && e.getMessage().startsWith(endpoint)) {
        throw e;
      }
      throw new IOException(endpoint + ": cannot connect: " + e, e);
    }
  }

  @Override
  public void close() {
    Deque<Idle> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    for (Idle i : toClose) {
      try {
        i.client().logout();
      } catch (IOException e) {
        // Leaving anyway.
      }
      discard(i.client());
    }
  }
}
