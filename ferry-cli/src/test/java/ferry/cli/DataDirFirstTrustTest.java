package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** The data dir's certificate is asked first; the system CAs are read only when needed. */
class DataDirFirstTrustTest {
  static final String AUTH = "ECDHE_ECDSA";

  final X509Certificate local = cert("localhost");
  final X509Certificate remote = cert("ferry.example.com");
  final AtomicInteger systemBuilt = new AtomicInteger();

  @Test
  void theDataDirsCertificatePassesWithoutReadingTheSystemCas() throws Exception {
    DataDirFirstTrust trust =
        new DataDirFirstTrust(Fake.accepting(local), counted(Fake.refusing("system: no")));

    trust.checkServerTrusted(new X509Certificate[] {local}, AUTH, (SSLEngine) null);

    assertThat(systemBuilt).hasValue(0);
  }

  @Test
  void anotherServersCertificateIsLeftToTheSystemCasBuiltOnce() throws Exception {
    DataDirFirstTrust trust =
        new DataDirFirstTrust(Fake.refusing("data dir: no", local), counted(Fake.accepting()));

    trust.checkServerTrusted(new X509Certificate[] {remote}, AUTH, (SSLEngine) null);
    trust.checkServerTrusted(new X509Certificate[] {remote}, AUTH, (Socket) null);

    assertThat(systemBuilt).hasValue(1);
  }

  @Test
  void withoutADataDirCertificateTheSystemDecides() throws Exception {
    DataDirFirstTrust trust = new DataDirFirstTrust(null, counted(Fake.refusing("system: no")));

    assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {remote}, AUTH))
        .isInstanceOf(CertificateException.class)
        .hasMessage("system: no");
  }

  @Test
  void aChainBothRefuseIsReportedWithTheSystemsReason() {
    DataDirFirstTrust trust =
        new DataDirFirstTrust(
            Fake.refusing("data dir: no", local), counted(Fake.refusing("system: no")));

    assertThatThrownBy(
            () ->
                trust.checkServerTrusted(
                    new X509Certificate[] {remote}, AUTH, (SSLEngine) null))
        .hasMessage("system: no")
        .satisfies(e -> assertThat(e.getSuppressed()[0]).hasMessage("data dir: no"));
  }

  @Test
  void aRefusalOfTheDataDirsOwnCertificateIsFinal() {
    DataDirFirstTrust trust =
        new DataDirFirstTrust(
            Fake.refusing("no name matching localhost", local), counted(Fake.accepting()));

    assertThatThrownBy(
            () -> trust.checkServerTrusted(new X509Certificate[] {local}, AUTH, (SSLEngine) null))
        .hasMessage("no name matching localhost");
    assertThat(systemBuilt).hasValue(0);
  }

  DataDirFirstTrust.Source counted(X509ExtendedTrustManager system) {
    return () -> {
      systemBuilt.incrementAndGet();
      return system;
    };
  }

  static X509Certificate cert(String host) {
    try {
      return TestCerts.selfSigned(host, false).cert();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Accepts or refuses every chain, and names {@code issuers} as the certificates it holds. */
  static final class Fake extends X509ExtendedTrustManager {
    private final String refusal;
    private final X509Certificate[] issuers;

    private Fake(String refusal, X509Certificate... issuers) {
      this.refusal = refusal;
      this.issuers = issuers;
    }

    static Fake accepting(X509Certificate... issuers) {
      return new Fake(null, issuers);
    }

    static Fake refusing(String message, X509Certificate... issuers) {
      return new Fake(message, issuers);
    }

    private void decide() throws CertificateException {
      if (refusal != null) {
        throw new CertificateException(refusal);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      decide();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      decide();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      decide();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      decide();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      decide();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      decide();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issuers.clone();
    }
  }
}
