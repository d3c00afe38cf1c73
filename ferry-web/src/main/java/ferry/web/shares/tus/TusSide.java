package ferry.web.shares.tus;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Where a tus endpoint is mounted: who owns its uploads, and the file core behind it. */
public interface TusSide {
  /** The owner key uploads are bound to ({@code user:<name>}, {@code share:<id>}); others' ids answer 404. */
  String owner(Context ctx);

  /** The URL uploads are created at; {@code Location} is this plus the upload id. */
  String base(Context ctx);

  /**
   * Asks the file core, before any byte, whether the upload {@code meta} describes may happen with
   * {@code length} bytes, and returns the virtual path it will be published at.
   */
  String check(Context ctx, TusMetadata meta, long length) throws IOException;

  /** Marks the uploader as active (each PATCH): e.g. keeps a share's unlock fresh during a long upload. */
  default void touch(Context ctx) {}

  /** Publishes the complete upload at {@code target} through the file core (folders, atomic write, quota, record). */
  void publish(Context ctx, String target, InputStream bytes) throws IOException;
}
