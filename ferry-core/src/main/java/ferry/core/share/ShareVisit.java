package ferry.core.share;

import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;

/**
 * One visit of a public share: the share as it was admitted and a file session of its owner over
 * {@code HTTPShare}. Close it when the request ends.
 */
public final class ShareVisit implements AutoCloseable {
  private final Share share;
  private final FileSession session;

  ShareVisit(Share share, FileSession session) {
    this.share = share;
    this.session = session;
  }

  public Share share() {
    return share;
  }

  /** The owner's session; every file operation of the visit goes through it. */
  public FileSession session() {
    return session;
  }

  /**
   * The owner's path for {@code relative}, a path inside the share's single directory; "..",
   * however written, never climbs above that directory.
   *
   * @throws ValidationException when the share exposes more than one path
   */
  public String resolve(String relative) {
    if (share.paths().size() != 1)
      throw new ValidationException("this share has " + share.paths().size()
          + " paths; browsing and single files need a share of exactly one directory");
    String root = share.paths().getFirst();
    String inside = session.normalize("/" + (relative == null ? "" : relative));
    if (inside.equals("/")) return root;
    return root.equals("/") ? inside : root + inside;
  }

  @Override
  public void close() {
    session.close();
  }
}
