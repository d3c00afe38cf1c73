package ferry.core.session;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The record of this server's uploads in progress. A start reaches the database only if the
 * upload is still running a moment later (the deferred writer's linger), so the many small uploads
 * that end at once cost no write at all (bench/sftp); a client's fsync records its upload at once.
 * Ends are written on the same writer, after the start.
 */
public final class OpenUploads {
  private final OpenUploadRepository repo;
  private final String owner;
  private final Executor later;
  private final Executor writer;
  private final Map<String, OpenUpload> pending = new ConcurrentHashMap<>();

  OpenUploads(OpenUploadRepository repo, String owner, Executor later, Executor writer) {
    this.repo = requireNonNull(repo, "No open upload repository");
    this.owner = requireNonNull(owner, "No owner");
    this.later = requireNonNull(later, "No later executor");
    this.writer = requireNonNull(writer, "No writer");
  }

  /** Records nothing: for sessions without a database (tests, embedded use). */
  public static OpenUploads none() {
    return new OpenUploads(NOWHERE, "none", task -> {}, Runnable::run);
  }

  private static final OpenUploadRepository NOWHERE =
      new OpenUploadRepository() {
        @Override
        public void insert(OpenUpload upload) {}

        @Override
        public void delete(String id) {}

        @Override
        public List<OpenUpload> byOwner(String owner) {
          return List.of();
        }
      };

  /** The server instance whose uploads these are. */
  String owner() {
    return owner;
  }

  void started(OpenUpload upload) {
    pending.put(upload.id(), upload);
    later.execute(() -> persist(upload.id()));
  }

  /**
   * Writes the start of {@code id} now, unless it is written already or ended. Synchronized so
   * that a client's fsync, which calls this, returns only once the record is written, even when
   * the deferred writer took it from {@code pending} a moment before and is still inserting it.
   */
  synchronized void persist(String id) {
    OpenUpload u = pending.remove(id);
    if (u != null) {
      repo.insert(u);
    }
  }

  void ended(String id) {
    if (pending.remove(id) == null) {
      writer.execute(() -> repo.delete(id)); // its start is written (or being written, on this writer)
    }
  }

  /** Writes every start still waiting (the deferred writer's flush). */
  void flushAll() {
    List.copyOf(pending.keySet()).forEach(this::persist);
  }
}
