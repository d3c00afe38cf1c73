package ferry.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How {@code ferry serve} writes its log to stderr (issue 11): {@link #TEXT}, one readable line per
 * event (logback.xml, or the operator's own {@code -Dlogback.configurationFile}); {@link #JSON}, one
 * JSON object per line for log shippers (logback-json.xml with {@link JsonLineEncoder}).
 */
public enum LogFormat {
  TEXT(null),
  JSON("/logback-json.xml");

  /** The format when neither the flag nor the environment names one. */
  public static final LogFormat DEFAULT = TEXT;

  private final String configuration; // null: keep the configuration Logback started with

  LogFormat(String configuration) {
    this.configuration = configuration;
  }

  /**
   * The format named {@code text} or {@code json}, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LogFormat parse(String name) {
    for (LogFormat f : values()) {
      if (f.name().equalsIgnoreCase(name.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("log format must be text or json, got '" + name + "'");
  }

  /** The name as the flag takes it. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Makes this process log in this format from now on. Loggers handed out before keep working:
   * Logback reconfigures them in place. Without Logback behind SLF4J, nothing changes.
   */
  public void apply() {
    if (configuration == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    URL file = LogFormat.class.getResource(configuration);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    try {
      configurator.doConfigure(file);
    } catch (JoranException e) {
      throw new IllegalStateException("The " + wire() + " log configuration " + configuration + " is broken", e);
    }
  }
}
