package ferry.core.account;

import java.util.Arrays;
import java.util.Optional;

/** A per-path file permission; {@link #wire()} is the reference API's {@code Permission} value. */
public enum Permission {
  ALL("*"),
  LIST("list"),
  DOWNLOAD("download"),
  UPLOAD("upload"),
  OVERWRITE("overwrite"),
  DELETE("delete"),
  DELETE_FILES("delete_files"),
  DELETE_DIRS("delete_dirs"),
  RENAME("rename"),
  RENAME_FILES("rename_files"),
  RENAME_DIRS("rename_dirs"),
  CREATE_DIRS("create_dirs"),
  CREATE_SYMLINKS("create_symlinks"),
  CHMOD("chmod"),
  CHOWN("chown"),
  CHTIMES("chtimes"),
  COPY("copy");

  private final String wire;

  Permission(String wire) {
    this.wire = wire;
  }

  /** The value as the API spells it, e.g. {@code delete_files}. */
  public String wire() {
    return wire;
  }

  /** The permission an API value names, or empty for an unknown value. */
  public static Optional<Permission> fromWire(String value) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(value)).findFirst();
  }
}
