package ferry.script;

import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secret values one run has read, replaced by {@value #MASK} in everything the run hands out:
 * its log lines, its final error and its transfer records (issue 10, item 4). {@code GetSecret}
 * registers each value it returns, with the forms {@link SecretForms} lists. Values shorter than
 * {@value #MIN_LENGTH} characters are not masked: hiding every "a" or "on" would ruin the log while
 * protecting next to nothing. Safe for use from several threads.
 */
final class SecretMasker {
  static final String MASK = "***";
  static final int MIN_LENGTH = 3;

  private final Set<String> forms = new LinkedHashSet<>();
  private volatile List<String> patterns = List.of();

  /** Masks {@code value} and its forms from now on. */
  void add(String value) {
    if (value.length() < MIN_LENGTH) {
      return;
    }
    synchronized (forms) {
      if (forms.addAll(SecretForms.of(value, MIN_LENGTH))) {
        patterns = List.copyOf(forms);
      }
    }
  }

  /** Returns {@code text} with every occurrence of a registered form replaced by {@value #MASK}. */
  String mask(String text) {
    List<String> current = patterns;
    if (current.isEmpty() || text.isEmpty()) {
      return text;
    }
    BitSet hidden = new BitSet(text.length());
    for (String pattern : current) {
      for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
        hidden.set(at, at + pattern.length());
      }
    }
    if (hidden.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    while (at < text.length()) {
      int start = hidden.nextSetBit(at);
      if (start < 0) {
        out.append(text, at, text.length());
        break;
      }
      int end = hidden.nextClearBit(start);
      out.append(text, at, start).append(MASK);
      at = end;
    }
    return out.toString();
  }

  /**
   * Masks the tail of a line that was already {@linkplain #mask masked} and then cut: a tail that
   * is the beginning of a registered form, since the rest of that secret was cut away.
   */
  String maskCutTail(String masked) {
    int longest = 0;
    for (String pattern : patterns) {
      for (int length = Math.min(pattern.length() - 1, masked.length());
          length > longest;
          length--) {
        if (masked.regionMatches(masked.length() - length, pattern, 0, length)) {
          longest = length;
          break;
        }
      }
    }
    return longest == 0 ? masked : masked.substring(0, masked.length() - longest) + MASK;
  }

  /** Returns {@code record} with its names, paths and error masked. */
  TransferRecord mask(TransferRecord record) {
    if (patterns.isEmpty()) {
      return record;
    }
    return new TransferRecord(
        mask(record.srcVfs()),
        mask(record.srcPath()),
        mask(record.dstVfs()),
        mask(record.dstPath()),
        record.bytes(),
        record.duration(),
        record.sha256(),
        record.ok(),
        mask(record.error()));
  }
}
