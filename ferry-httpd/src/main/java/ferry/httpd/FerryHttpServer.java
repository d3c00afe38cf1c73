package ferry.httpd;

import ferry.core.error.FerryException;
import ferry.httpd.automation.AutomationRoutes;
import ferry.httpd.common.Authenticator;
import ferry.httpd.common.ClientAddress;
import ferry.httpd.common.ErrorMapper;
import ferry.httpd.common.Json;
import ferry.httpd.common.RequestIds;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTP(S) listener serving Ferry's API faces. */
public final class FerryHttpServer implements AutoCloseable {
  /** TLS 1.3, and TLS 1.2 for older clients. */
  static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  /** AEAD suites only: every TLS 1.3 suite, and TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305. */
  static final String[] TLS_CIPHER_SUITES = {
    "TLS_AES_.*", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_(ECDSA|RSA)_WITH_AES_(128|256)_GCM_SHA(256|384)",
    "TLS_ECDHE_(ECDSA|RSA)_WITH_CHACHA20_POLY1305_SHA256"
  };

  private final Javalin app;
  private final HttpConfig config;
  private ServerConnector connector;
  /** Response buffer size (system property {@code ferry.http.output-buffer} overrides it). */
  static final int OUTPUT_BUFFER_BYTES = 256 * 1024;

  public FerryHttpServer(HttpConfig config, HttpServices services) {
    this(config, services, HttpMetrics.NONE);
  }

  /** With {@code metrics} timing every request and served on {@code GET /metrics} to admins. */
  public FerryHttpServer(HttpConfig config, HttpServices services, HttpMetrics metrics) {
    this(config, services, metrics, java.util.List.of());
  }

  /** With {@code faces} (the web UI) served beside the API faces. */
  public FerryHttpServer(HttpConfig config, HttpServices services, HttpMetrics metrics, java.util.List<HttpFace> faces) {
    this.config = config;
    Authenticator auth = new Authenticator(services.apiKeys(), services.admins(), services.defender(),
        services.passwordChecks());
    ClientAddress clientAddress = new ClientAddress(config.trustedProxies());
    AutomationRoutes automation = new AutomationRoutes(services, auth);
    this.app = Javalin.create(cfg -> {
      // every ctx.ip() (Defender, allow-lists, logs) is the address ClientAddress decides
      cfg.contextResolver.ip = clientAddress::of;
      cfg.startup.showJavalinBanner = false;
      cfg.concurrency.useVirtualThreads = true;
      cfg.http.maxRequestSize = config.maxBodyBytes();
      // a known path with another method is a 405 naming the methods it serves (ErrorMapper)
      cfg.http.prefer405over404 = true;
      cfg.jsonMapper(new JavalinJackson(Json.MAPPER, true));
      // One connector of our own (TLS or plain) instead of Javalin's default one.
      cfg.jetty.modifyServer(server -> {
        connector = newConnector(server);
        server.setConnectors(new org.eclipse.jetty.server.Connector[] {connector});
        server.setErrorHandler(new JsonErrorHandler());
        // Javalin puts its handlers inside this wrapper
        if (config.tls()) server.setHandler(new PlainHttpRefusal());
      });
      // the servlet layer refuses ambiguous paths (%25, %2F, ..) before Javalin sees them
      cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
      cfg.routes.before(RequestIds::assign);
      cfg.routes.after(ferry.httpd.common.UnreadBodies::settle);
      cfg.routes.after(RequestIds::clear);
      cfg.routes.exception(FerryException.class, ErrorMapper::ferry);
      cfg.routes.exception(HttpResponseException.class, ErrorMapper::javalin);
      cfg.routes.exception(Exception.class, ErrorMapper::unexpected);
      cfg.routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty())
          ErrorMapper.javalin(new io.javalin.http.NotFoundResponse(), ctx);
      });
      automation.register(cfg.routes);
      new ferry.httpd.files.FileServerApi(services).register(cfg.routes);
      new ferry.httpd.orchestration.OrchestrationApi(services).register(cfg.routes);
      faces.forEach(face -> face.register(cfg.routes));
      if (metrics != HttpMetrics.NONE) new RequestMetrics(metrics, auth).register(cfg.routes);
    });
    ferry.httpd.orchestration.HeadRequests.mirrorGets(app.unsafe.internalRouter);
  }

  private ServerConnector newConnector(org.eclipse.jetty.server.Server server) {
    org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
    http.setSendServerVersion(false);
    // Responses are gathered in this buffer before TLS: Jetty's 32 KiB default made a bulk download
    // flush every 32 KiB (bench/http, rt: ~470 -> ~520-560 MiB/s with 256-512 KiB). Pooled, and held
    // only while a response is being written.
    http.setOutputBufferSize(Integer.getInteger("ferry.http.output-buffer", OUTPUT_BUFFER_BYTES));
    ServerConnector c;
    if (config.tls()) {
      SecureRequestCustomizer src = new SecureRequestCustomizer();
      // Clients call by IP (127.0.0.1:44399), so the SNI host cannot match a name in the certificate.
      src.setSniHostCheck(false);
      http.addCustomizer(src);
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setIncludeProtocols(TLS_PROTOCOLS);
      ssl.setIncludeCipherSuites(TLS_CIPHER_SUITES);
      ssl.setKeyStore(config.keyStore());
      ssl.setKeyStorePassword(new String(config.keyStorePassword()));
      if (config.clientCa() != null) AgentClientAuth.configure(ssl, config.clientCa());
      HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
      int inBuf = Integer.getInteger("ferry.http.input-buffer", 0);
      if (inBuf > 0) httpFactory.setInputBufferSize(inBuf);
      // a connection that does not start with TLS goes on as plain HTTP, only to PlainHttpRefusal
      DetectorConnectionFactory tlsOrPlain =
          new DetectorConnectionFactory(new SslConnectionFactory(ssl, httpFactory.getProtocol()));
      c = new ServerConnector(server, tlsOrPlain, httpFactory);
    } else {
      c = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    c.setHost(config.host());
    c.setPort(config.port());
    return c;
  }

  /** Starts listening; throws with a readable message when the port is taken. */
  public FerryHttpServer start() {
    app.start();
    return this;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The base URL clients on this machine use. */
  public String url() {
    String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
    if (host.contains(":")) host = "[" + host + "]";
    return (config.tls() ? "https" : "http") + "://" + host + ":" + port();
  }

  /** Every route, as "METHOD path", for tests that walk the route tables. */
  public java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
  }

  @Override
  public void close() {
    app.stop();
  }
}
