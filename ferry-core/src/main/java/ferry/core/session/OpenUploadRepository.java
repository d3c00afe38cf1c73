package ferry.core.session;

import java.util.List;

/** Storage port for the uploads in progress ({@link OpenUpload}). */
public interface OpenUploadRepository {
  /** Records an upload that started. */
  void insert(OpenUpload upload);

  /** Forgets an upload that ended; nothing happens for an unknown id. */
  void delete(String id);

  /** The uploads {@code owner} recorded and has not ended, oldest first. */
  List<OpenUpload> byOwner(String owner);
}
