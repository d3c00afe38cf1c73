package ferry.script;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A read-only script object holding plain values (strings, numbers, booleans), such as one entry of
 * {@code ReadDir(...).Entries()}. Members keep the order they were given in.
 */
final class JsData implements ProxyObject {
  private final Map<String, Object> values;

  /** Takes {@code key, value, key, value, ...}. */
  static JsData of(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new JsData(values);
  }

  private JsData(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** Returns a read-only script array of {@code items}. */
  static ProxyArray array(List<?> items) {
    return new ReadOnlyArray(List.copyOf(items));
  }

  @Override
  public Object getMember(String key) {
    return values.get(key);
  }

  @Override
  public Object getMemberKeys() {
    return new ReadOnlyArray(List.copyOf(values.keySet()));
  }

  @Override
  public boolean hasMember(String key) {
    return values.containsKey(key);
  }

  @Override
  public void putMember(String key, Value value) {
    throw new UnsupportedOperationException("Cannot set " + key + ": the object is read-only");
  }

  @Override
  public boolean removeMember(String key) {
    throw new UnsupportedOperationException("Cannot delete " + key + ": the object is read-only");
  }

  /** A script array whose elements cannot be replaced. */
  private record ReadOnlyArray(List<?> items) implements ProxyArray {
    @Override
    public Object get(long index) {
      if (index < 0 || index >= items.size()) {
        throw new ArrayIndexOutOfBoundsException((int) Math.min(index, Integer.MAX_VALUE));
      }
      return items.get((int) index);
    }

    @Override
    public void set(long index, Value value) {
      throw new UnsupportedOperationException("Cannot set element " + index + ": read-only");
    }

    @Override
    public boolean remove(long index) {
      throw new UnsupportedOperationException("Cannot delete element " + index + ": read-only");
    }

    @Override
    public long getSize() {
      return items.size();
    }
  }
}
