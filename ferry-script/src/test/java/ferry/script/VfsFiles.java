package ferry.script;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test shortcuts for putting files into a {@link Vfs} and reading them back. */
final class VfsFiles {
  private VfsFiles() {}

  /** Writes {@code content} at {@code path}, creating the parent directories. */
  static void put(Vfs vfs, String path, byte[] content) {
    try {
      VPath p = VPath.of(path);
      vfs.mkdirs(p.parentOrRoot());
      try (Upload up = vfs.openWrite(p, WriteOptions.replace())) {
        up.write(ByteBuffer.wrap(content));
        up.commit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void put(Vfs vfs, String path, String content) {
    put(vfs, path, content.getBytes(StandardCharsets.UTF_8));
  }

  static String text(Vfs vfs, String path) {
    try (InputStream in = vfs.openRead(VPath.of(path), 0)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean exists(Vfs vfs, String path) {
    try {
      return vfs.find(VPath.of(path)).isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns every path below {@code dir}, directories with a trailing slash, sorted. */
  static List<String> tree(Vfs vfs, String dir) {
    List<String> out = new ArrayList<>();
    try {
      walk(vfs, VPath.of(dir), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.stream().sorted().toList();
  }

  private static void walk(Vfs vfs, VPath dir, List<String> out) throws IOException {
    try (DirLister lister = vfs.list(dir)) {
      for (List<FileAttrs> b = lister.next(100); !b.isEmpty(); b = lister.next(100)) {
        for (FileAttrs f : b) {
          VPath child = dir.child(f.name());
          out.add(child + (f.isDir() ? "/" : ""));
          if (f.isDir()) {
            walk(vfs, child, out);
          }
        }
      }
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
