package ferry.script;

import ferry.vfs.Vfs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ScriptHost} with fixed secrets that records the job log and the transfers, and serves a
 * VFS Library of the file systems a test puts in.
 */
final class RecordingHost implements ScriptHost {
  record Line(LogLevel level, String message) {}

  /** Opens a library entry, or fails like a backend that cannot connect. */
  interface Opener {
    Vfs open() throws IOException;
  }

  private final Map<String, String> secrets;
  private final List<Line> lines = new ArrayList<>();
  private final Map<String, Opener> library = new HashMap<>();
  private final Map<String, Integer> opens = new HashMap<>();
  private final List<TransferRecord> transfers = new ArrayList<>();
  private List<Path> localDirs = List.of();

  RecordingHost() {
    this(Map.of());
  }

  RecordingHost(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  /** Adds {@code vfs} to the VFS Library as {@code name}. */
  synchronized RecordingHost vfs(String name, Vfs vfs) {
    return vfs(name, () -> vfs);
  }

  /** Adds a library entry whose opening runs {@code opener}. */
  synchronized RecordingHost vfs(String name, Opener opener) {
    library.put(name, opener);
    return this;
  }

  /** Sets the directories Download and Upload may use. */
  synchronized RecordingHost allowLocalDirs(Path... dirs) {
    localDirs = List.of(dirs);
    return this;
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

  @Override
  public Vfs openVfs(String name) throws IOException {
    Opener opener;
    synchronized (this) {
      opener = library.get(name);
      opens.merge(name, 1, Integer::sum);
    }
    return opener == null ? ScriptHost.super.openVfs(name) : opener.open();
  }

  @Override
  public synchronized void transferred(TransferRecord record) {
    transfers.add(record);
    notifyAll();
  }

  @Override
  public synchronized List<Path> localDirs() {
    return localDirs;
  }

  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  synchronized List<String> messages() {
    return lines.stream().map(Line::message).toList();
  }

  synchronized List<TransferRecord> transfers() {
    return List.copyOf(transfers);
  }

  /** How often {@code name} was opened. */
  synchronized int opens(String name) {
    return opens.getOrDefault(name, 0);
  }

  /** Waits until at least {@code count} transfers were recorded. */
  synchronized void awaitTransfers(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (transfers.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("Fewer than " + count + " transfers in " + transfers);
      }
      wait(Math.max(1, left / 1_000_000));
    }
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
