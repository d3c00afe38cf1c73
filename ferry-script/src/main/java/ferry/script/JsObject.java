package ferry.script;

import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A read-only script object whose members are functions. The script API is built from these proxies
 * rather than exported Java classes, so no Java object or class is ever reachable from a script,
 * and the API classes can stay package-private.
 */
class JsObject implements ProxyObject {
  private final Map<String, ProxyExecutable> members;

  JsObject(Map<String, ProxyExecutable> members) {
    this.members = Map.copyOf(members);
  }

  @Override
  public Object getMember(String key) {
    return members.get(key);
  }

  @Override
  public Object getMemberKeys() {
    return ProxyArray.fromArray(members.keySet().stream().sorted().toArray());
  }

  @Override
  public boolean hasMember(String key) {
    return members.containsKey(key);
  }

  @Override
  public void putMember(String key, Value value) {
    throw new UnsupportedOperationException("Cannot set " + key + ": the object is read-only");
  }

  @Override
  public boolean removeMember(String key) {
    throw new UnsupportedOperationException("Cannot delete " + key + ": the object is read-only");
  }
}
