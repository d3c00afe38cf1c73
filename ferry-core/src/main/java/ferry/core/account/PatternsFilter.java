package ferry.core.account;

import java.util.List;

/**
 * The reference API's {@code PatternsFilter}: case-insensitive shell patterns allowed or denied
 * under a virtual directory (and its subdirectories, unless a deeper filter exists).
 *
 * @param path the virtual directory, absolute
 * @param allowedPatterns names allowed there (evaluated first); empty allows all
 * @param deniedPatterns names denied there
 * @param denyPolicy 0 denied names are listed but cannot be transferred; 1 they are hidden too
 */
public record PatternsFilter(
    String path, List<String> allowedPatterns, List<String> deniedPatterns, int denyPolicy) {
  public PatternsFilter {
    allowedPatterns = List.copyOf(allowedPatterns);
    deniedPatterns = List.copyOf(deniedPatterns);
  }
}
