package ferry.web.shares.tus;

import ferry.core.error.FerryException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.QuotaExceededException;
import ferry.core.error.ValidationException;
import ferry.httpd.files.FsErrors;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The tus 1.0.0 protocol (core + creation, termination, expiration) on Javalin, written by hand:
 * five methods and a handful of headers, and with our own staging the bytes never pass through a
 * library's storage model, the file core decides everything at creation, and there is no
 * dependency with hard version ranges to fight (tus-java-server 1.0.0-3.0 pins slf4j 1.7). The
 * body is read from {@code ctx.req().getInputStream()} through one bounded buffer, never {@code
 * ctx.body()} (1 MB limit). Each mount ({@link TusSide}) says who owns uploads and how they are
 * checked and published; the routes run through {@link WebRoutes}, so the session (sliding: every
 * PATCH counts as use) and the CSRF token are checked on every request.
 */
public final class TusEndpoint {
  public static final String VERSION = "1.0.0";
  /** The largest upload announced; the owner's quota and upload limit decide the real one at creation. */
  public static final long MAX_SIZE = 1L << 40;
  static final String OCTETS = "application/offset+octet-stream";
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final TusStore store;
  private final TusSide side;

  public TusEndpoint(TusStore store, TusSide side) {
    this.store = store;
    this.side = side;
  }

  /** Mounts the endpoint at {@code base} (creation) and {@code base/{id}} (one upload). */
  public void register(WebRoutes web, String base, Access access) {
    web.add(HandlerType.OPTIONS, base, access, (ctx, page) -> options(ctx));
    web.add(HandlerType.OPTIONS, base + "/{uploadId}", access, (ctx, page) -> options(ctx));
    web.add(HandlerType.POST, base, access, (ctx, page) -> guarded(ctx, page, this::create));
    web.add(HandlerType.HEAD, base + "/{uploadId}", access, (ctx, page) -> guarded(ctx, page, this::head));
    web.add(HandlerType.PATCH, base + "/{uploadId}", access, (ctx, page) -> guarded(ctx, page, this::patch));
    web.add(HandlerType.DELETE, base + "/{uploadId}", access, (ctx, page) -> guarded(ctx, page, this::terminate));
  }

  private interface Step {
    void run(Context ctx, Page page) throws Exception;
  }

  private static void options(Context ctx) {
    ctx.header("Tus-Resumable", VERSION).header("Tus-Version", VERSION)
        .header("Tus-Extension", "creation,termination,expiration").header("Tus-Max-Size", Long.toString(MAX_SIZE))
        .status(204);
  }

  /** Version check, then the step; the core's refusals answer as plain text in the caller's language. */
  private void guarded(Context ctx, Page page, Step step) throws Exception {
    ctx.header("Tus-Resumable", VERSION).header("Cache-Control", "no-store");
    if (!VERSION.equals(ctx.header("Tus-Resumable"))) {
      ctx.header("Tus-Version", VERSION);
      text(ctx, 412, "Tus-Resumable: " + VERSION + " is required");
      return;
    }
    try {
      step.run(ctx, page);
    } catch (FileSystemException e) {
      refuse(ctx, page, FsErrors.translate(e));
    } catch (FerryException e) {
      refuse(ctx, page, e);
    }
  }

  private static void refuse(Context ctx, Page page, RuntimeException e) {
    int status = switch (e) {
      case QuotaExceededException q -> 413;
      case PermissionDeniedException p -> 403;
      case ferry.core.error.NotFoundException n -> 404;
      case ferry.core.error.ConflictException c -> 409;
      case ferry.core.error.AuthenticationException a -> 401;
      case ValidationException v -> 422;
      default -> 400;
    };
    text(ctx, status, page.messages().core(e.getMessage()));
  }

  private static void text(Context ctx, int status, String body) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(body);
  }

  private void create(Context ctx, Page page) throws IOException {
    long length = number(ctx.header("Upload-Length"));
    if (length < 0) {
      text(ctx, 400, ctx.header("Upload-Defer-Length") != null ? "Upload-Defer-Length is not supported"
          : "Upload-Length is required");
      return;
    }
    if (length > MAX_SIZE) {
      text(ctx, 413, "Upload-Length is larger than Tus-Max-Size " + MAX_SIZE);
      return;
    }
    TusMetadata meta = TusMetadata.parse(ctx.header("Upload-Metadata"));
    String owner = side.owner(ctx);
    String target = side.check(ctx, meta, length); // the core refuses here, before any byte
    TusStore.Staged s = store.create(owner, length, target);
    ctx.header("Location", side.base(ctx) + "/" + s.id()).header("Upload-Expires", HTTP_DATE.format(store.expires(s)));
    if (length == 0) publish(ctx, s);
    ctx.status(201);
  }

  /** Streams the complete staged file through the owner's file session; the staged copy goes either way. */
  private void publish(Context ctx, TusStore.Staged s) throws IOException {
    try (InputStream in = store.open(s)) {
      side.publish(ctx, s.target(), in);
    } catch (ferry.core.error.AuthenticationException e) {
      throw e; // e.g. a share locked again meanwhile: the bytes stay for a retry once unlocked
    } catch (IOException | RuntimeException e) {
      store.delete(s.id()); // refused by the core (quota, permission...): a retry starts anew
      throw e;
    }
    store.delete(s.id());
  }

  private Optional<TusStore.Staged> mine(Context ctx) throws IOException {
    return store.find(ctx.pathParam("uploadId"), side.owner(ctx));
  }

  private void head(Context ctx, Page page) throws IOException {
    Optional<TusStore.Staged> s = mine(ctx);
    if (s.isEmpty()) {
      ctx.status(404);
      return;
    }
    ctx.header("Upload-Offset", Long.toString(s.get().offset()))
        .header("Upload-Length", Long.toString(s.get().length()))
        .header("Upload-Expires", HTTP_DATE.format(store.expires(s.get()))).status(200);
  }

  private void patch(Context ctx, Page page) throws IOException {
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(OCTETS)) {
      text(ctx, 415, "Content-Type: " + OCTETS + " is required");
      return;
    }
    long offset = number(ctx.header("Upload-Offset"));
    if (offset < 0) {
      text(ctx, 400, "Upload-Offset is required");
      return;
    }
    String id = ctx.pathParam("uploadId");
    String owner = side.owner(ctx);
    side.touch(ctx);
    Optional<Integer> answered = store.locked(id, () -> {
      Optional<TusStore.Staged> found = store.find(id, owner);
      if (found.isEmpty()) return 404;
      TusStore.Staged s = found.get();
      if (s.offset() != offset) {
        ctx.header("Upload-Offset", Long.toString(s.offset()));
        return 409;
      }
      TusStore.Appended a;
      try (InputStream in = ctx.req().getInputStream()) {
        a = store.append(s, in);
      }
      ctx.header("Upload-Offset", Long.toString(a.upload().offset()))
          .header("Upload-Expires", HTTP_DATE.format(store.expires(s)));
      if (a.tooLong()) return 413;
      if (a.upload().complete()) publish(ctx, a.upload());
      return 204;
    });
    if (answered.isEmpty()) {
      text(ctx, 423, "another request is writing this upload");
    } else if (answered.get() == 409) {
      text(ctx, 409, "Upload-Offset " + offset + " is not the upload's offset");
    } else if (answered.get() == 413) {
      text(ctx, 413, "the body is longer than Upload-Length");
    } else {
      ctx.status(answered.get());
    }
  }

  private void terminate(Context ctx, Page page) throws IOException {
    String id = ctx.pathParam("uploadId");
    String owner = side.owner(ctx);
    Optional<Boolean> gone = store.locked(id, () -> {
      if (store.find(id, owner).isEmpty()) return false;
      store.delete(id);
      return true;
    });
    if (gone.isEmpty()) text(ctx, 423, "another request is writing this upload");
    else ctx.status(gone.get() ? 204 : 404);
  }

  /** A non-negative decimal header, or -1. */
  static long number(String value) {
    if (value == null || value.isBlank()) return -1;
    try {
      long n = Long.parseLong(value.trim());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
