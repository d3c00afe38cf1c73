package ferry.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyInstantiable;

/** {@code HttpCli()} and {@code new HttpCli()}: a fresh HTTP request builder. */
record HttpCliConstructor(HttpSender sender) implements ProxyExecutable, ProxyInstantiable {
  @Override
  public Object execute(Value... args) {
    return new HttpCliRequest(sender).toJs();
  }

  @Override
  public Object newInstance(Value... args) {
    return execute(args);
  }
}
