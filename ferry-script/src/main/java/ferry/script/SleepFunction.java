package ferry.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** {@code Sleep(ms)}: pauses the script; cancellation and the time limit cut it short. */
record SleepFunction(RunControl control) implements ProxyExecutable {
  @Override
  public Object execute(Value... args) {
    double millis = JsValues.number(args, 0);
    if (millis > 0) {
      control.sleep((long) Math.min(millis, Long.MAX_VALUE));
    }
    return null;
  }
}
