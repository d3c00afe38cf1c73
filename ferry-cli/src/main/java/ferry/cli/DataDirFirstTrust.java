package ferry.cli;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts what the data dir's certificate or the system CAs trust, asking the data dir first: the
 * system trust is built only for a server the data dir does not vouch for, since building it (the
 * JDK's CA store parsed into one key store, then copied into another with the data dir's
 * certificate) took a large share of a {@code ferry start} against the local server (issue 11).
 *
 * <p>Both are full PKIX trust managers, so each check keeps their host-name verification; a chain
 * passes if it leads to a data-dir certificate or to a system CA, as with one store holding both.
 */
final class DataDirFirstTrust extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager dataDir;
  private final Source systemSource;
  private X509ExtendedTrustManager system;

  /**
   * @param dataDir trusts the data dir's certificates; null when the data dir has none
   * @param system builds the trust in the system CAs; called at most once, on first need
   */
  DataDirFirstTrust(X509ExtendedTrustManager dataDir, Source system) {
    this.dataDir = dataDir;
    this.systemSource = system;
  }

  /** Builds a trust manager, such as the one of the system's CAs. */
  interface Source {
    X509ExtendedTrustManager get() throws GeneralSecurityException;
  }

  /** One way of checking a chain with a given trust manager. */
  private interface Check {
    void run(X509ExtendedTrustManager manager) throws CertificateException;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, m -> m.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, m -> m.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, m -> m.checkServerTrusted(chain, authType));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, m -> m.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, m -> m.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, m -> m.checkClientTrusted(chain, authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    Stream<X509Certificate> own =
        dataDir == null ? Stream.empty() : Arrays.stream(dataDir.getAcceptedIssuers());
    try {
      return Stream.concat(own, Arrays.stream(system().getAcceptedIssuers()))
          .toArray(X509Certificate[]::new);
    } catch (CertificateException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Passes if the data dir's trust or else the system's passes. A refusal of a certificate the data
   * dir holds (e.g. for another host name) is final and reported as is; any other refusal is the
   * system's.
   */
  private void check(X509Certificate[] chain, Check check) throws CertificateException {
    CertificateException refusedByDataDir = null;
    if (dataDir != null) {
      try {
        check.run(dataDir);
        return;
      } catch (CertificateException e) {
        if (chain.length > 0 && Arrays.asList(dataDir.getAcceptedIssuers()).contains(chain[0])) {
          throw e;
        }
        refusedByDataDir = e;
      }
    }
    try {
      check.run(system());
    } catch (CertificateException e) {
      if (refusedByDataDir != null) {
        e.addSuppressed(refusedByDataDir);
      }
      throw e;
    }
  }

  private synchronized X509ExtendedTrustManager system() throws CertificateException {
    if (system == null) {
      try {
        system = systemSource.get();
      } catch (GeneralSecurityException e) {
        throw new CertificateException(
            "cannot read the system's trusted certificates: " + e.getMessage(), e);
      }
    }
    return system;
  }
}
