package ferry.script;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link ScriptHost} with fixed secrets that records the job log. */
final class RecordingHost implements ScriptHost {
  record Line(LogLevel level, String message) {}

  private final Map<String, String> secrets;
  private final List<Line> lines = new ArrayList<>();

  RecordingHost() {
    this(Map.of());
  }

  RecordingHost(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  @Override
  public Optional<String> secret(String name) {
    return Optional.ofNullable(secrets.get(name));
  }

  @Override
  public synchronized void log(LogLevel level, String message) {
    lines.add(new Line(level, message));
    notifyAll();
  }

  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  synchronized List<String> messages() {
    return lines.stream().map(Line::message).toList();
  }

  /** Waits until a logged line contains {@code text}. */
  synchronized void awaitLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lines.stream().noneMatch(line -> line.message().contains(text))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("No log line with \"" + text + "\" in " + lines);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
