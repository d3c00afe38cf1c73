package ferry.script;

import java.io.OutputStream;

/**
 * The job log of one run, with the caps of {@link ScriptConfig}: lines the script writes past
 * {@code maxLogLines} are counted and dropped, and every line is cut to {@code maxLogLineLength}.
 * Lines of the engine itself (the final error) are never dropped. Secrets the run read are masked
 * in every line before it is cut, so that no cut leaves the start of a secret behind.
 */
final class RunLog {
  static final String TRUNCATION_NOTE = "log truncated: further lines dropped";

  private final ScriptHost host;
  private final SecretMasker masker;
  private final int maxLines;
  private final int maxLineLength;
  private final LineOutputStream stdout;
  private final LineOutputStream stderr;
  private int written;
  private long dropped;

  RunLog(ScriptHost host, SecretMasker masker, int maxLines, int maxLineLength) {
    this.host = host;
    this.masker = masker;
    this.maxLines = maxLines;
    this.maxLineLength = maxLineLength;
    // 4 bytes per character is the UTF-8 worst case; cut() then marks the line as cut.
    int maxLineBytes = maxLineLength * 4 + 4;
    this.stdout =
        new LineOutputStream((line, cut) -> script(LogLevel.INFO, line, cut), maxLineBytes);
    this.stderr =
        new LineOutputStream((line, cut) -> script(LogLevel.ERROR, line, cut), maxLineBytes);
  }

  /** Logs a line the script wrote, unless the run already logged {@code maxLogLines}. */
  void script(LogLevel level, String message) {
    script(level, message, false);
  }

  /** Logs a line of the engine; it does not count against the cap. */
  synchronized void engine(LogLevel level, String message) {
    host.log(level, cut(message, false));
  }

  private synchronized void script(LogLevel level, String message, boolean alreadyCut) {
    if (written >= maxLines) {
      dropped++;
      return;
    }
    written++;
    host.log(level, cut(message, alreadyCut));
  }

  /** The script's standard output ({@code console.log}, {@code print}), logged at INFO. */
  OutputStream stdout() {
    return stdout;
  }

  /** The script's standard error ({@code console.error}), logged at ERROR. */
  OutputStream stderr() {
    return stderr;
  }

  /**
   * Flushes partial console lines and, if lines were dropped, writes the one truncation note with
   * the count. Called once when the run ends.
   */
  void finish() {
    stdout.flush();
    stderr.flush();
    synchronized (this) {
      if (dropped > 0) {
        host.log(
            LogLevel.WARN,
            TRUNCATION_NOTE + " (" + dropped + " lines over the limit of " + maxLines + ")");
      }
    }
  }

  /**
   * Masks secrets, then cuts to {@code maxLogLineLength}; {@code alreadyCut} says that the console
   * stream already dropped the end of the line.
   */
  private String cut(String message, boolean alreadyCut) {
    String masked = masker.mask(message);
    if (masked.length() <= maxLineLength && !alreadyCut) {
      return masked;
    }
    int end = Math.min(maxLineLength, masked.length());
    if (end > 0 && Character.isHighSurrogate(masked.charAt(end - 1))) {
      end--;
    }
    return masker.maskCutTail(masked.substring(0, end))
        + "... [line cut at "
        + maxLineLength
        + " characters]";
  }
}
