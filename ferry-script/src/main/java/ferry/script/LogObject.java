package ferry.script;

import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code Log}: callable as {@code Log(msg)} (INFO) and with members {@code Log.Info}, {@code
 * Log.Warn}, {@code Log.Error} and {@code Log.Debug}. Several arguments are joined by spaces.
 */
final class LogObject extends JsObject implements ProxyExecutable {
  private final RunLog log;

  LogObject(RunLog log) {
    super(
        Map.of(
            "Debug", args -> write(log, LogLevel.DEBUG, args),
            "Info", args -> write(log, LogLevel.INFO, args),
            "Warn", args -> write(log, LogLevel.WARN, args),
            "Error", args -> write(log, LogLevel.ERROR, args)));
    this.log = log;
  }

  @Override
  public Object execute(Value... args) {
    return write(log, LogLevel.INFO, args);
  }

  private static Object write(RunLog log, LogLevel level, Value[] args) {
    log.script(level, JsValues.join(args));
    return null;
  }
}
