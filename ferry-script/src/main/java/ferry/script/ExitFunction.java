package ferry.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code Exit(code)}: ends the script at once with {@code code}; no {@code catch} or {@code
 * finally} of the script runs. No argument means 0; a non-numeric one means 1.
 */
record ExitFunction(RunControl control) implements ProxyExecutable {
  @Override
  public Object execute(Value... args) {
    int code = 0;
    if (JsValues.present(args, 0)) {
      double number = JsValues.number(args, 0);
      code = Double.isNaN(number) ? 1 : (int) number;
    }
    control.exit(code);
    return null;
  }
}
