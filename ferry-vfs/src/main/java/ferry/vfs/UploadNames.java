package ferry.vfs;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Temporary names for uploads that are renamed into place on commit. */
public final class UploadNames {
  /** Marks temporary upload files: {@code .name.ferry-part-<random>}. */
  public static final String PART_MARKER = ".ferry-part-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private UploadNames() {}

  /** Returns a fresh temporary sibling of {@code target} in the same directory. */
  public static VPath tempFor(VPath target) {
    if (target.isRoot()) {
      throw new IllegalArgumentException("No upload to the root directory");
    }
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    String name = "." + target.name() + PART_MARKER + HexFormat.of().formatHex(id);
    return target.parentOrRoot().child(name);
  }

  /** True if {@code name} is a temporary upload file of a file named {@code target}. */
  public static boolean isTempOf(String target, String name) {
    return name.startsWith("." + target + PART_MARKER);
  }

  /** True if {@code name} looks like a temporary upload file. */
  public static boolean isTemp(String name) {
    return name.startsWith(".") && name.contains(PART_MARKER);
  }
}
