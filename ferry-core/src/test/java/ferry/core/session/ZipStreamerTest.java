package ferry.core.session;

import static ferry.core.session.SessionFixture.download;
import static ferry.core.session.SessionFixture.names;
import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.transfer.TransferRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class ZipStreamerTest {
  private final SessionFixture fx = new SessionFixture();

  @Test
  void zipsFilesAndTreesEachFileAsItsOwnDownload() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      put(fx.storage("home"), "/a.txt", "alpha");
      put(fx.storage("home"), "/d/b.txt", "beta");
      put(fx.storage("home"), "/d/e/c.txt", "gamma");
      put(fx.storage("home"), "/other/a.txt", "second a");
      fx.records.clear();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipStreamer z = ZipStreamer.prepare(s, List.of("/a.txt", "/d", "/other/a.txt"))) {
        z.writeTo(out);
      }
      assertThat(unzip(out.toByteArray())).containsExactlyEntriesOf(new TreeMap<>(Map.of(
          "a.txt", "alpha", "a (1).txt", "second a", "d/", "", "d/b.txt", "beta", "d/e/", "", "d/e/c.txt", "gamma")));
      assertThat(fx.records).hasSize(4).allMatch(r -> r.direction().equals(TransferRecord.DOWNLOAD) && r.ok());
    }
  }

  @Test
  void theHomeNextToAPathInsideItZipsEachEntryOnce() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      put(fx.storage("home"), "/a.txt", "alpha");
      put(fx.storage("home"), "/d/b.txt", "beta");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipStreamer z = ZipStreamer.prepare(s, List.of("/d", "/", "/a.txt"))) {
        z.writeTo(out);
      }
      assertThat(unzip(out.toByteArray())).containsExactlyEntriesOf(new TreeMap<>(Map.of(
          "a.txt", "alpha", "d/", "", "d/b.txt", "beta")));
    }
  }

  @Test
  void aMissingOrUnreadablePathIsRefusedBeforeAnyByte() throws Exception {
    var u = user().perms("/secret", Permission.LIST).build();
    try (FileSession s = fx.open(u)) {
      put(fx.storage("home"), "/secret/x", "x");
      assertThatThrownBy(() -> ZipStreamer.prepare(s, List.of("/nope"))).isInstanceOf(NoSuchFileException.class);
      assertThatThrownBy(() -> ZipStreamer.prepare(s, List.of("/secret/x"))).isInstanceOf(AccessDeniedException.class);
      // inside a named tree an unreadable file is left out
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipStreamer z = ZipStreamer.prepare(s, List.of("/secret"))) {
        z.writeTo(out);
      }
      assertThat(unzip(out.toByteArray())).containsOnlyKeys("secret/");
    }
  }

  @Test
  void treesCopyMakeParentsAndRemove() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      FileTrees.mkdirs(s, "/x/y/z");
      upload(s, "/x/y/z/f", "data");
      FileTrees.copy(s, "/x", "/copy");
      assertThat(download(s, "/copy/y/z/f")).isEqualTo("data");
      assertThatThrownBy(() -> FileTrees.copy(s, "/x", "/x/y/in")).isInstanceOf(FileSystemException.class);
      FileTrees.removeTree(s, "/x");
      assertThat(names(s, "/")).containsExactly("copy/");
    }
  }

  static Map<String, String> unzip(byte[] zip) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
