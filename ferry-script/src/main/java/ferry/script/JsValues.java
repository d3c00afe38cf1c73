package ferry.script;

import org.graalvm.polyglot.Value;

/** Conversions of script arguments, close to what JavaScript itself would do. */
final class JsValues {
  private JsValues() {}

  /** Returns argument {@code i} as text; missing, {@code null} and {@code undefined} give "". */
  static String text(Value[] args, int i) {
    return present(args, i) ? display(args[i]) : "";
  }

  /** Returns the arguments as one line, separated by spaces, like {@code console.log}. */
  static String join(Value[] args) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        line.append(' ');
      }
      line.append(display(args[i]));
    }
    return line.toString();
  }

  /** Returns whether argument {@code i} was passed and is neither null nor undefined. */
  static boolean present(Value[] args, int i) {
    return args != null && i < args.length && args[i] != null && !args[i].isNull();
  }

  /** Returns argument {@code i} as a number, NaN when it is missing or not numeric. */
  static double number(Value[] args, int i) {
    if (!present(args, i)) {
      return Double.NaN;
    }
    Value value = args[i];
    if (value.isNumber() && value.fitsInDouble()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean() ? 1 : 0;
    }
    if (value.isString()) {
      try {
        return Double.parseDouble(value.asString().trim());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  // Value.toString() of a JS string names an internal class, so strings are read directly.
  private static String display(Value value) {
    if (value == null) {
      return "undefined";
    }
    return value.isString() ? value.asString() : value.toString();
  }
}
