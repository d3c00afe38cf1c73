package ferry.httpd;

import ferry.core.error.FerryException;
import ferry.httpd.automation.AutomationRoutes;
import ferry.httpd.common.Authenticator;
import ferry.httpd.common.ErrorMapper;
import ferry.httpd.common.Json;
import ferry.httpd.common.RequestIds;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTP(S) listener serving Ferry's API faces. */
public final class FerryHttpServer implements AutoCloseable {
  private final Javalin app;
  private final HttpConfig config;
  private ServerConnector connector;

  public FerryHttpServer(HttpConfig config, HttpServices services) {
    this.config = config;
    Authenticator auth = new Authenticator(services.apiKeys(), services.admins(), services.defender());
    AutomationRoutes automation = new AutomationRoutes(services, auth);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.concurrency.useVirtualThreads = true;
      cfg.http.maxRequestSize = config.maxBodyBytes();
      cfg.jsonMapper(new JavalinJackson(Json.MAPPER, true));
      // One connector of our own (TLS or plain) instead of Javalin's default one.
      cfg.jetty.modifyServer(server -> {
        connector = newConnector(server);
        server.setConnectors(new org.eclipse.jetty.server.Connector[] {connector});
      });
      cfg.routes.before(RequestIds::assign);
      cfg.routes.after(RequestIds::clear);
      cfg.routes.exception(FerryException.class, ErrorMapper::ferry);
      cfg.routes.exception(HttpResponseException.class, ErrorMapper::javalin);
      cfg.routes.exception(Exception.class, ErrorMapper::unexpected);
      cfg.routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty())
          ErrorMapper.javalin(new io.javalin.http.NotFoundResponse(), ctx);
      });
      automation.register(cfg.routes);
    });
  }

  private ServerConnector newConnector(org.eclipse.jetty.server.Server server) {
    org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector c;
    if (config.tls()) {
      SecureRequestCustomizer src = new SecureRequestCustomizer();
      // Clients call by IP (127.0.0.1:44399), so the SNI host cannot match a name in the certificate.
      src.setSniHostCheck(false);
      http.addCustomizer(src);
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(config.keyStore());
      ssl.setKeyStorePassword(new String(config.keyStorePassword()));
      c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
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

  @Override
  public void close() {
    app.stop();
  }
}
