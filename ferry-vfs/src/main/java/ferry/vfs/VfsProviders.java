package ferry.vfs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The {@link VfsProvider}s known to this process, by type. */
public final class VfsProviders {
  private final Map<String, VfsProvider> byType = new TreeMap<>();

  /** Indexes {@code providers} by {@link VfsProvider#type()}; the first of a type wins. */
  public VfsProviders(List<VfsProvider> providers) {
    for (VfsProvider p : providers) {
      byType.putIfAbsent(p.type(), p);
    }
  }

  /** Finds the providers registered with {@link ServiceLoader} in {@code loader}. */
  public static VfsProviders discover(ClassLoader loader) {
    requireNonNull(loader, "No class loader");
    return new VfsProviders(
        ServiceLoader.load(VfsProvider.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /** Returns the known types. */
  public Set<String> types() {
    return Set.copyOf(byType.keySet());
  }

  /** Returns the provider of {@code type}, if known. */
  public Optional<VfsProvider> find(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /**
   * Creates a file system of {@code type}.
   *
   * @throws IllegalArgumentException if the type is unknown or a setting is invalid
   * @throws IOException if the backend cannot be opened
   */
  public Vfs open(String type, Map<String, String> settings) throws IOException {
    VfsProvider p =
        find(type)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Unknown vfs type '" + type + "', known: " + byType.keySet()));
    return p.create(settings);
  }
}
