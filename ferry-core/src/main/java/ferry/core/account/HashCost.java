package ferry.core.account;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost bounds of the password hashes Ferry stores and verifies (README, "Password hashes"). An
 * admin may import a bcrypt or argon2id hash; one above these bounds would stall the password-check
 * threads for hours (bcrypt cost 31) or exhaust the heap (argon2 m=2 GiB), so it is refused when
 * stored and, if stored before the bounds existed, fails its logins without being run.
 */
final class HashCost {
  static final int MIN_BCRYPT_COST = 4;
  static final int MAX_BCRYPT_COST = 14;
  /** KiB, i.e. 256 MiB. */
  static final int MAX_ARGON2_MEMORY_KIB = 256 * 1024;
  static final int MAX_ARGON2_ITERATIONS = 10;
  static final int MAX_ARGON2_PARALLELISM = 8;

  private static final Pattern ARGON2_PARAMS =
      Pattern.compile("^\\$argon2(?:id|i|d)\\$(?:v=\\d+\\$)?m=(\\d+),t=(\\d+),p=(\\d+)\\$");

  private HashCost() {}

  /** Why {@code bcrypt} costs too much (or too little), or empty when within bounds. */
  static Optional<String> bcrypt(String hash) {
    int cost;
    try {
      cost = Integer.parseInt(hash.substring(4, 6));
    } catch (RuntimeException e) {
      return Optional.of("bcrypt hash without a readable cost");
    }
    if (cost < MIN_BCRYPT_COST || cost > MAX_BCRYPT_COST)
      return Optional.of("bcrypt cost " + cost + " is outside " + MIN_BCRYPT_COST + ".." + MAX_BCRYPT_COST);
    return Optional.empty();
  }

  /** Why an argon2 hash costs too much, or empty when within bounds. */
  static Optional<String> argon2(String hash) {
    // Read by hand: password4j's getInstanceFromHash allocates the hash's memory (18 s for m=2 GiB).
    Matcher m = ARGON2_PARAMS.matcher(hash);
    if (!m.find()) return Optional.of("argon2 hash whose parameters cannot be read");
    long memory = bounded(m.group(1));
    long iterations = bounded(m.group(2));
    long lanes = bounded(m.group(3));
    if (memory < 8 || memory > MAX_ARGON2_MEMORY_KIB)
      return Optional.of("argon2 memory cost m=" + m.group(1) + " KiB is outside 8.." + MAX_ARGON2_MEMORY_KIB);
    if (iterations < 1 || iterations > MAX_ARGON2_ITERATIONS)
      return Optional.of("argon2 time cost t=" + m.group(2) + " is outside 1.." + MAX_ARGON2_ITERATIONS);
    if (lanes < 1 || lanes > MAX_ARGON2_PARALLELISM)
      return Optional.of("argon2 parallelism cost p=" + m.group(3) + " is outside 1.." + MAX_ARGON2_PARALLELISM);
    return Optional.empty();
  }

  /** A decimal of up to 9 digits, or Long.MAX_VALUE for a longer one. */
  private static long bounded(String digits) {
    return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
  }
}
