package ferry.web.client.files;

import ferry.vfs.FileAttrs;
import java.util.Comparator;
import java.util.Locale;

/**
 * One row of the browser: a file or folder and the folder it is in. The parent string is shared by
 * every entry of a folder, so an entry costs little more than its {@link FileAttrs}.
 */
public record Entry(String parent, FileAttrs attrs) {
  public String name() {
    return attrs.name();
  }

  public boolean dir() {
    return attrs.isDir();
  }

  /** The entry's absolute path in the user's file space. */
  public String path() {
    return parent.equals("/") ? "/" + attrs.name() : parent + "/" + attrs.name();
  }

  /** The entry's path below {@code base} (a search shows where below the folder it found it). */
  public String below(String base) {
    String p = path();
    String prefix = base.equals("/") ? "/" : base + "/";
    return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
  }

  /** Folders first, then by {@code sort} ({@code name}, {@code size}, {@code modified}), names breaking ties. */
  static Comparator<Entry> order(String sort, boolean desc) {
    Comparator<Entry> byName = Comparator.comparing((Entry e) -> e.name().toLowerCase(Locale.ROOT))
        .thenComparing(Entry::name).thenComparing(Entry::parent);
    Comparator<Entry> key = switch (sort) {
      case "size" -> Comparator.comparingLong((Entry e) -> e.attrs().size()).thenComparing(byName);
      case "modified" -> Comparator.comparing((Entry e) -> e.attrs().modified()).thenComparing(byName);
      default -> byName;
    };
    return Comparator.comparing((Entry e) -> !e.dir()).thenComparing(desc ? key.reversed() : key);
  }
}
