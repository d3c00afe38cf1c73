package ferry.httpd.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import ferry.vfs.FileAttrs;

/**
 * The reference's {@code DirEntry}: name, size (omitted for folders), mode as Go's {@code
 * fs.FileMode} bits (a directory has bit 31 set), last_modified as an RFC 3339 date-time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirEntry(String name, Long size, long mode, @JsonProperty("last_modified") String lastModified) {
  /** Go's fs.ModeDir. */
  static final long MODE_DIR = 1L << 31;
  static final long DIR_PERMS = 0755;
  static final long FILE_PERMS = 0644;

  public static DirEntry of(FileAttrs a) {
    String modified = a.modified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    return a.isDir()
        ? new DirEntry(a.name(), null, MODE_DIR | DIR_PERMS, modified)
        : new DirEntry(a.name(), a.size(), FILE_PERMS, modified);
  }
}
