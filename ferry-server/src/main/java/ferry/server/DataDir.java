package ferry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The layout of a data directory, and private-file writing (mode 600). */
public record DataDir(Path root) {
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

  /** The SSH host keys of the SFTP/SCP server. */
  public Path sshDir() {
    return root.resolve("ssh");
  }

  public Path tlsDir() {
    return root.resolve("tls");
  }

  /**
   * This data dir's server instance id, made at first use: it names the uploads in progress this
   * server records, so that its next start finds the ones a crash left (issue 10).
   */
  public String instanceId() {
    Path file = root.resolve("instance-id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String id = ferry.core.Ids.newId();
    writePrivate(file, id + "\n");
    return id;
  }

  /** Creates the directory (mode 700 where supported). */
  public DataDir create() {
    try {
      Files.createDirectories(root);
      Files.createDirectories(tlsDir());
      restrict(root, "rwx------");
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + root.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} to {@code file} readable by the owner only, replacing it atomically. */
  public static void writePrivate(Path file, String text) {
    try {
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp);
      restrict(tmp, "rw-------");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void restrict(Path p, String perms) throws IOException {
    if (p.getFileSystem().supportedFileAttributeViews().contains("posix"))
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
  }
}
