package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk queue every report goes through (heartbeats aside): one fsynced file per report in
 * {@code <data-dir>/outbox}, sent one at a time in the order they were made, retried with {@link
 * Backoff} (or the server's {@code Retry-After}) while the server is down or answers 5xx/429, and
 * deleted only once the server took it (401 and 403 hold the queue too: a ban passes). So no report is lost across server restarts, network loss
 * or an agent restart; the reports carry client ids, so a resend after a lost answer is harmless.
 */
final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final Path rejected;
  private final ServerApi api;
  private final Backoff backoff;
  private final AtomicLong seq;
  private final Object signal = new Object();
  private volatile boolean stopped;
  private Thread sender;

  Outbox(Path dir, ServerApi api, Backoff backoff) throws IOException {
    this.dir = dir;
    this.rejected = dir.resolve("rejected");
    this.api = api;
    this.backoff = backoff;
    PrivateFiles.ensureDir(dir);
    this.seq = new AtomicLong(pending().stream().mapToLong(Outbox::seqOf).max().orElse(0));
  }

  /** Starts the sender thread. */
  void start() {
    sender = Thread.ofPlatform().name("ferry-agent-outbox").daemon().start(this::sendLoop);
  }

  /** Stores one report durably, then wakes the sender. */
  void enqueue(String method, String path, JsonNode body) throws IOException {
    ObjectNode report = Json.object().put("method", method).put("path", path);
    report.set("body", body);
    synchronized (seq) { // file names in the order of the reports
      PrivateFiles.write(dir.resolve(String.format("%019d", seq.incrementAndGet()) + SUFFIX), Json.MAPPER.writeValueAsBytes(report));
    }
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /** The reports not yet taken by the server, oldest first. */
  List<Path> pending() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }

  /** Waits until every report was sent, at most {@code timeout}; true if the queue is empty. */
  boolean flush(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending().isEmpty()) {
      if (System.nanoTime() > deadline) return false;
      Thread.sleep(50);
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    if (sender != null) sender.join(5_000);
  }

  private void sendLoop() {
    int attempt = 0;
    long retryAt = 0; // a new report wakes the loop, but does not cut a backoff short
    while (!stopped) {
      try {
        long now = System.nanoTime();
        if (now - retryAt < 0) {
          pause(Duration.ofNanos(retryAt - now));
          continue;
        }
        List<Path> queue = pending();
        if (queue.isEmpty()) {
          pause(Duration.ofSeconds(1));
          continue;
        }
        Duration wait = sendOne(queue.get(0));
        if (wait == null) {
          attempt = 0;
        } else {
          Duration b = backoff.delay(attempt++);
          retryAt = System.nanoTime() + (wait.compareTo(b) > 0 ? wait : b).toNanos();
        }
      } catch (IOException e) {
        log.warn("outbox: {}", e.toString());
        retryAt = System.nanoTime() + backoff.delay(attempt++).toNanos();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Sends one report; null when it is done with (taken or refused), else how long the server asked to wait. */
  private Duration sendOne(Path file) throws IOException, InterruptedException {
    JsonNode report;
    try {
      report = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      reject(file, "unreadable: " + e);
      return null;
    }
    String method = Json.text(report, "method");
    String path = Json.text(report, "path");
    ApiResult r;
    try {
      r = api.send(method, path, report.get("body"));
    } catch (IOException e) {
      log.debug("outbox: {} {} not sent ({}); will retry", method, path, e.toString());
      return Duration.ZERO;
    }
    if (r.ok() || r.status() == 409) {
      // 409: the server already holds this state (a resend after a lost answer)
      Files.delete(file);
      return null;
    }
    if (r.transientFailure()) {
      log.debug("outbox: {} {}: {}; will retry", method, path, r.describe());
      return r.retryAfter().orElse(Duration.ZERO);
    }
    if (r.status() == 401 || r.status() == 403) {
      // a ban of this address, or a key the server does not know (yet: a restored backup); nothing
      // this agent reports can pass meanwhile, so hold the queue rather than drop it
      log.warn("outbox: {} {}: {}; holding the queue and retrying", method, path, r.describe());
      return r.retryAfter().orElse(Duration.ZERO);
    }
    reject(file, method + " " + path + ": " + r.describe());
    return null;
  }

  /** A report the server will never take (4xx): kept aside for a human, not retried forever. */
  private void reject(Path file, String why) throws IOException {
    log.warn("outbox: the server refused a report, kept in {}: {}", rejected, why);
    PrivateFiles.ensureDir(rejected);
    Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
  }

  private void pause(Duration d) {
    synchronized (signal) {
      if (stopped) return;
      try {
        signal.wait(Math.max(1, d.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }
  }

  private static long seqOf(Path p) {
    String n = p.getFileName().toString();
    try {
      return Long.parseLong(n.substring(0, n.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
