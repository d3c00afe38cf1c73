package ferry.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/** {@code GetSecret(name)}: the plaintext of a secret, or "" if there is none. */
record SecretFunction(ScriptHost host) implements ProxyExecutable {
  @Override
  public Object execute(Value... args) {
    return host.secret(JsValues.text(args, 0)).orElse("");
  }
}
