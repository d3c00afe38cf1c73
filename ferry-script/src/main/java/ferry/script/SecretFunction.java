package ferry.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code GetSecret(name)}: the plaintext of a secret, or "" if there is none. The value is masked
 * in the run's log, error and transfer records from then on.
 */
record SecretFunction(ScriptHost host, SecretMasker masker) implements ProxyExecutable {
  @Override
  public Object execute(Value... args) {
    String value = host.secret(JsValues.text(args, 0)).orElse("");
    masker.add(value);
    return value;
  }
}
