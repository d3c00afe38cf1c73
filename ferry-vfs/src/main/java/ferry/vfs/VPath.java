package ferry.vfs;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A normalized absolute POSIX-style path inside a {@link Vfs}.
 *
 * <p>Parsing collapses repeated slashes and {@code .}, and resolves {@code ..} against the
 * preceding name. A {@code ..} at the root is dropped, so no path built from user input can address
 * anything above the root of the file system it is used with. Instances are immutable.
 */
public final class VPath implements Comparable<VPath> {
  /** The root, {@code /}. */
  public static final VPath ROOT = new VPath(List.of());

  private final List<String> names;

  private VPath(List<String> names) {
    this.names = names;
  }

  /** Parses {@code path}; relative paths are taken from the root. */
  public static VPath of(String path) {
    return ROOT.resolve(path);
  }

  /** Resolves {@code relative} against this path, clamping {@code ..} at the root. */
  public VPath resolve(String relative) {
    requireNonNull(relative, "No path");
    if (relative.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Path contains NUL: " + relative.replace('\0', '?'));
    }
    List<String> out = relative.startsWith("/") ? new ArrayList<>() : new ArrayList<>(names);
    for (String name : relative.split("/")) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(name);
    }
    return out.isEmpty() ? ROOT : new VPath(List.copyOf(out));
  }

  /** Returns the child {@code name}; same as {@link #resolve(String)} for a single name. */
  public VPath child(String name) {
    return resolve(requireNonNull(name, "No name"));
  }

  /** Returns the parent, or empty for the root. */
  public Optional<VPath> parent() {
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(names.size() == 1 ? ROOT : new VPath(names.subList(0, names.size() - 1)));
  }

  /** Returns the parent, or the root for the root itself. */
  public VPath parentOrRoot() {
    return parent().orElse(ROOT);
  }

  /** Returns the last name, or {@code ""} for the root. */
  public String name() {
    return names.isEmpty() ? "" : names.get(names.size() - 1);
  }

  /** Returns the names from the root down; empty for the root. */
  public List<String> names() {
    return names;
  }

  /** True for {@code /}. */
  public boolean isRoot() {
    return names.isEmpty();
  }

  /** True if {@code other} is this path or one of its ancestors. */
  public boolean startsWith(VPath other) {
    return other.names.size() <= names.size()
        && names.subList(0, other.names.size()).equals(other.names);
  }

  /** Returns this path relative to {@code ancestor}, without a leading slash. */
  public String relativeTo(VPath ancestor) {
    if (!startsWith(ancestor)) {
      throw new IllegalArgumentException(this + " is not under " + ancestor);
    }
    return String.join("/", names.subList(ancestor.names.size(), names.size()));
  }

  @Override
  public int compareTo(VPath o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VPath p && p.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return "/" + String.join("/", names);
  }
}
