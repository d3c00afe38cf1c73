package ferry.vfs.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An Apache FtpServer on a loopback port 0 serving a temp dir, one per test class. With TLS it uses
 * a self-signed certificate that the JDK's keytool generates for 127.0.0.1.
 */
public final class FtpTestServer implements BeforeAllCallback, AfterAllCallback {
  public static final String USER = "bob";
  public static final String PASSWORD = "ftp-secret";
  private static final String STORE_PASSWORD = "changeit";

  private final FtpVfsConfig.TlsMode tls;
  private Path dir;
  private Path root;
  private FtpServer server;
  private Listener listener;
  private String certPem = "";

  public FtpTestServer(FtpVfsConfig.TlsMode tls) {
    this.tls = tls;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("ftp-test");
    root = Files.createDirectories(dir.resolve("home"));
    FtpServerFactory factory = new FtpServerFactory();
    ListenerFactory listen = new ListenerFactory();
    listen.setServerAddress("127.0.0.1");
    listen.setPort(0);
    DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
    data.setPassiveAddress("127.0.0.1");
    data.setPassiveExternalAddress("127.0.0.1");
    if (tls != FtpVfsConfig.TlsMode.NONE) {
      SslConfiguration ssl = selfSignedSsl();
      listen.setSslConfiguration(ssl);
      listen.setImplicitSsl(tls == FtpVfsConfig.TlsMode.IMPLICIT);
      data.setSslConfiguration(ssl);
      data.setImplicitSsl(tls == FtpVfsConfig.TlsMode.IMPLICIT);
    }
    listen.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
    listener = listen.createListener();
    factory.addListener("default", listener);
    ConnectionConfigFactory connections = new ConnectionConfigFactory();
    connections.setMaxLogins(100);
    connections.setMaxThreads(0);
    connections.setLoginFailureDelay(0);
    factory.setConnectionConfig(connections.createConnectionConfig());
    factory.setUserManager(users());
    server = factory.createServer();
    server.start();
  }

  private UserManager users() throws Exception {
    PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
    factory.setPasswordEncryptor(new ClearTextPasswordEncryptor());
    Path file = Files.createFile(dir.resolve("users.properties"));
    factory.setFile(file.toFile());
    UserManager users = factory.createUserManager();
    BaseUser user = new BaseUser();
    user.setName(USER);
    user.setPassword(PASSWORD);
    user.setHomeDirectory(root.toString());
    user.setAuthorities(List.of(new WritePermission(), new ConcurrentLoginPermission(0, 0)));
    users.save(user);
    return users;
  }

  private SslConfiguration selfSignedSsl()
      throws IOException, InterruptedException, GeneralSecurityException {
    Path keystore = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "ftp",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    Certificate cert = store.getCertificate("ftp");
    certPem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    SslConfigurationFactory ssl = new SslConfigurationFactory();
    ssl.setKeystoreFile(keystore.toFile());
    ssl.setKeystoreType("PKCS12");
    ssl.setKeystorePassword(STORE_PASSWORD);
    ssl.setKeyPassword(STORE_PASSWORD);
    return ssl.createSslConfiguration();
  }

  /** The directory the user sees as {@code /}. */
  public Path root() {
    return root;
  }

  /** The self-signed server certificate in PEM, or {@code ""} without TLS. */
  public String certPem() {
    return certPem;
  }

  public int port() {
    return listener.getPort();
  }

  /** A config for {@link #USER} that trusts this server's certificate. */
  public FtpVfsConfig config() {
    FtpVfsConfig c = FtpVfsConfig.of("127.0.0.1", USER, PASSWORD).withPort(port());
    return tls == FtpVfsConfig.TlsMode.NONE ? c : c.withTls(tls, certPem);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server != null) {
      server.stop();
    }
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
