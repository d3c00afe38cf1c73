package ferry.pipeline.definition;

/**
 * Where files are read or written: a VFS Library entry ({@code vfs}) or a file-server user's own
 * files as that user sees them ({@code user}: home and virtual folders, with the user's
 * permissions), and a path in it. Exactly one of {@code vfs} and {@code user} is set.
 */
public record Location(String vfs, String user, String path) {
  public Location {
    if ((vfs == null) == (user == null)) throw new IllegalArgumentException("Exactly one of vfs and user");
    if (path == null || path.isEmpty()) path = "/";
  }

  /** "vfs:NAME:/path" or "user:NAME:/path", for logs and transfer records. */
  public String describe() {
    return (vfs != null ? "vfs:" + vfs : "user:" + user) + ":" + path;
  }
}
