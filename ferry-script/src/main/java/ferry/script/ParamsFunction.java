package ferry.script;

import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** {@code Params(name)} and {@code Param(name)}: a trigger-time parameter, or "" if absent. */
record ParamsFunction(Map<String, String> params) implements ProxyExecutable {
  @Override
  public Object execute(Value... args) {
    return params.getOrDefault(JsValues.text(args, 0), "");
  }
}
