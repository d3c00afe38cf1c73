package ferry.server;

import ferry.core.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout of a data directory, and the one way the server writes files there: directories mode
 * 700 and files mode 600, set explicitly whatever the umask.
 */
public record DataDir(Path root) {
  private static final Logger log = LoggerFactory.getLogger(DataDir.class);
  private static final String DIR_MODE = "rwx------";
  private static final String FILE_MODE = "rw-------";

  public Path serverInfo() {
    return root.resolve("server.json");
  }

  public Path cliKey() {
    return root.resolve("cli.key");
  }

  public Path initialAdminPassword() {
    return root.resolve("initial-admin-password");
  }

  public Path masterKey() {
    return root.resolve("master.key");
  }

  /** A random id made at the first start, stable for the life of the data dir (names its CLI key). */
  public Path idFile() {
    return root.resolve("data-dir.id");
  }

  /** The SSH host keys of the SFTP/SCP server. */
  public Path sshDir() {
    return root.resolve("ssh");
  }

  /** Resumable web uploads until their last byte arrives (the web UI's tus staging). */
  public Path uploadStaging() {
    return root.resolve("tus");
  }

  public Path tlsDir() {
    return root.resolve("tls");
  }

  /** The embedded H2 database. */
  public Path dbDir() {
    return root.resolve("db");
  }

  /**
   * Creates the directory and its subdirectories (mode 700), and narrows any file or directory
   * left wider by an earlier version or by hand, with a warning each.
   */
  public DataDir create() {
    try {
      for (Path d : List.of(root, tlsDir(), sshDir(), dbDir(), uploadStaging())) {
        if (Files.isDirectory(d)) {
          narrow(d, DIR_MODE);
        } else {
          // made here: owner-only from the start, so there is nothing to warn about
          Files.createDirectories(d);
          if (posix(d)) Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(DIR_MODE));
        }
      }
      for (Path f : privateFiles()) narrow(f, FILE_MODE);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + root.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** This data dir's id, made (and stored) at the first call. */
  public String id() {
    try {
      if (Files.isRegularFile(idFile())) {
        String id = Files.readString(idFile()).strip();
        if (id.matches("[A-Za-z0-9_-]{8,64}")) return id;
        log.warn("{} does not hold a data-dir id; making a new one", idFile());
      }
      String id = Ids.random(9);
      writePrivate(idFile(), id + "\n");
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + idFile() + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} to {@code file} readable by the owner only, replacing it atomically. */
  public static void writePrivate(Path file, String text) {
    try {
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (posix(tmp)) {
        // created with mode 600, not the umask's mode and narrowed afterwards
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE_MODE)));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(FILE_MODE));
      } else {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The files of the data dir that hold keys, passwords or the server's state. */
  private List<Path> privateFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(masterKey(), cliKey(), initialAdminPassword(), serverInfo(), idFile(),
        tlsDir().resolve("server-key.pem"), tlsDir().resolve("server-cert.pem")));
    try (DirectoryStream<Path> ssh = Files.newDirectoryStream(sshDir())) {
      for (Path f : ssh) files.add(f);
    }
    try (DirectoryStream<Path> db = Files.newDirectoryStream(dbDir())) {
      for (Path f : db) files.add(f);
    }
    return files;
  }

  private static void narrow(Path p, String mode) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) || !posix(p)) return;
    Set<PosixFilePermission> want = PosixFilePermissions.fromString(mode);
    Set<PosixFilePermission> have = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    if (have.equals(want)) return;
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return;
    log.warn("{} had mode {}; set to {} (data-dir files are for the server's user only)", p,
        PosixFilePermissions.toString(have), mode);
    Files.setPosixFilePermissions(p, want);
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
