package ferry.core.session;

import static ferry.core.session.SessionFixture.download;
import static ferry.core.session.SessionFixture.get;
import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.account.UsageRepository.Usage;
import ferry.core.folder.StorageTarget;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.MemoryVfs;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProvider;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each {@link UploadMode} does with the file at its path (issue 12). */
class FileSessionUploadModesTest {
  private final SessionFixture fx = new SessionFixture();
  private final MemoryVfs home = fx.storage("home");

  private static void write(FileSession s, String path, UploadMode mode, long offset, String content)
      throws IOException {
    try (FileSession.Upload up = s.upload(path, mode)) {
      up.write(offset, bytes(content));
      up.commit();
    }
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private List<TransferRecord> uploads() {
    return fx.records.stream().filter(r -> r.direction().equals(TransferRecord.UPLOAD)).toList();
  }

  @Test
  void replaceCreatesAFileAndOverwritesOnlyWithOverwrite() throws Exception {
    put(home, "/a.txt", "old");
    var noOverwrite = user().perms("/", Permission.UPLOAD, Permission.DOWNLOAD).build();
    try (FileSession s = fx.open(noOverwrite)) {
      write(s, "/new.txt", UploadMode.REPLACE, 0, "fresh");
      assertThatThrownBy(() -> s.upload("/a.txt", UploadMode.REPLACE))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("'overwrite'");
    }
    assertThat(get(home, "/new.txt")).isEqualTo("fresh");
    assertThat(get(home, "/a.txt")).isEqualTo("old");
    try (FileSession s = fx.open(user().build())) {
      write(s, "/a.txt", UploadMode.REPLACE, 0, "new");
    }
    assertThat(get(home, "/a.txt")).isEqualTo("new");
  }

  @Test
  void replacePublishesNothingUntilCommit() throws Exception {
    put(home, "/a.txt", "old");
    try (FileSession s = fx.open(user().build())) {
      try (FileSession.Upload up = s.upload("/a.txt", UploadMode.REPLACE)) {
        up.write(0, bytes("half"));
        assertThat(download(s, "/a.txt")).isEqualTo("old");
        up.abandon("the client disconnected");
      }
      assertThat(download(s, "/a.txt")).isEqualTo("old");
      try (FileSession.Upload up = s.upload("/b.txt", UploadMode.REPLACE)) {
        up.write(0, bytes("never"));
      }
      assertThatThrownBy(() -> s.stat("/b.txt")).isInstanceOf(NoSuchFileException.class);
    }
    assertThat(uploads()).extracting(TransferRecord::ok).containsExactly(false, false);
  }

  @Test
  void createNewRefusesAnExistingFile() throws Exception {
    put(home, "/a.txt", "old");
    try (FileSession s = fx.open(user().build())) {
      assertThatThrownBy(() -> s.upload("/a.txt", UploadMode.CREATE_NEW))
          .isInstanceOf(FileAlreadyExistsException.class);
      write(s, "/b.txt", UploadMode.CREATE_NEW, 0, "b");
    }
    assertThat(get(home, "/a.txt")).isEqualTo("old");
    assertThat(get(home, "/b.txt")).isEqualTo("b");
    assertThat(uploads()).extracting(TransferRecord::ok).containsExactly(false, true);
    assertThat(uploads().getFirst().error()).isEqualTo("file already exists");
  }

  @Test
  void createNewFailsAtCommitWhenTheFileAppearedMeanwhile() throws Exception {
    try (FileSession s = fx.open(user().build());
        FileSession.Upload up = s.upload("/race.txt", UploadMode.CREATE_NEW)) {
      up.write(0, bytes("mine"));
      put(home, "/race.txt", "theirs");
      assertThatThrownBy(up::commit).isInstanceOf(FileAlreadyExistsException.class);
    }
    assertThat(get(home, "/race.txt")).isEqualTo("theirs");
  }

  @Test
  void mustExistRefusesAMissingFileAndReplacesAnExistingOne() throws Exception {
    put(home, "/a.txt", "old content");
    try (FileSession s = fx.open(user().build())) {
      assertThatThrownBy(() -> s.upload("/missing.txt", UploadMode.MUST_EXIST))
          .isInstanceOf(NoSuchFileException.class);
      assertThatThrownBy(() -> s.stat("/missing.txt")).isInstanceOf(NoSuchFileException.class);
      write(s, "/a.txt", UploadMode.MUST_EXIST, 0, "new");
    }
    assertThat(get(home, "/a.txt")).isEqualTo("new");
    var noOverwrite = user().perms("/", Permission.UPLOAD).build();
    try (FileSession s = fx.open(noOverwrite)) {
      assertThatThrownBy(() -> s.upload("/a.txt", UploadMode.MUST_EXIST))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("'overwrite'");
    }
  }

  @Test
  void everyModeRefusesADirectory() throws Exception {
    home.mkdirs(ferry.vfs.VPath.of("/dir"));
    try (FileSession s = fx.open(user().build())) {
      for (UploadMode mode : List.of(UploadMode.REPLACE, UploadMode.CREATE_NEW, UploadMode.MUST_EXIST,
          UploadMode.OPEN, UploadMode.OPEN_EXISTING, UploadMode.resumeAtEnd(), UploadMode.resumeAt(0))) {
        assertThatThrownBy(() -> s.upload("/dir", mode)).as(mode.toString())
            .isInstanceOf(FileSystemException.class)
            .hasMessageContaining("is a directory");
      }
    }
  }

  @Test
  void resumeContinuesAtTheEndOrAtTheSizeAndChargesTheGrowth() throws Exception {
    put(home, "/part", "hello ");
    fx.usage.addToUser("bob", 6, 1);
    try (FileSession s = fx.open(user().quota(1000, 0).build())) {
      try (FileSession.Upload up = s.upload("/part", UploadMode.resumeAtEnd())) {
        assertThat(up.position()).isEqualTo(6);
        up.write(6, bytes("wor"));
        up.commit();
      }
      write(s, "/part", UploadMode.resumeAt(9), 9, "ld");
      assertThat(download(s, "/part")).isEqualTo("hello world");
    }
    assertThat(fx.usage.user("bob")).isEqualTo(new Usage(11, 1));
    assertThat(uploads()).extracting(TransferRecord::bytes).containsExactly(3L, 2L);
    assertThat(uploads()).extracting(TransferRecord::sha256).containsOnlyNulls(); // not the whole file
  }

  @Test
  void resumeAtZeroRewritesTheFile() throws Exception {
    put(home, "/part", "hello");
    try (FileSession s = fx.open(user().build())) {
      write(s, "/part", UploadMode.resumeAt(0), 0, "bye");
      assertThat(download(s, "/part")).isEqualTo("bye");
    }
  }

  @Test
  void resumeRefusesAnOffsetThatIsNeitherZeroNorTheSize() throws Exception {
    put(home, "/part", "hello");
    try (FileSession s = fx.open(user().build())) {
      for (long offset : new long[] {3, 6, -7}) {
        assertThatThrownBy(() -> s.upload("/part", UploadMode.resumeAt(offset)))
            .as("offset " + offset)
            .isInstanceOfSatisfying(UploadOffsetException.class, e -> {
              assertThat(e.offset()).isEqualTo(offset);
              assertThat(e.size()).isEqualTo(5);
            })
            .hasMessageContaining("cannot write at offset " + offset + ": the file has 5 bytes");
      }
      assertThatThrownBy(() -> s.upload("/missing", UploadMode.resumeAt(1)))
          .isInstanceOf(UploadOffsetException.class)
          .hasMessageContaining("the file has 0 bytes");
      // a missing file resumes at 0: a plain new upload
      write(s, "/missing", UploadMode.resumeAtEnd(), 0, "new");
      assertThat(download(s, "/missing")).isEqualTo("new");
      assertThat(download(s, "/part")).isEqualTo("hello");
    }
  }

  @Test
  void resumeNeedsOverwriteOnAnExistingFile() throws Exception {
    put(home, "/part", "hello");
    try (FileSession s = fx.open(user().perms("/", Permission.UPLOAD).build())) {
      assertThatThrownBy(() -> s.upload("/part", UploadMode.resumeAtEnd()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("'overwrite'");
    }
  }

  @Test
  void resumeIsRefusedWhereTheStorageCannotAndStartingOverStillWorks() throws Exception {
    try (FileSession s = noResumeSession()) {
      write(s, "/x", UploadMode.resumeAtEnd(), 0, "first"); // nothing to continue yet
      assertThatThrownBy(() -> s.upload("/x", UploadMode.resumeAtEnd()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("resuming uploads is not supported");
      assertThatThrownBy(() -> s.upload("/x", UploadMode.resumeAt(5)))
          .isInstanceOf(AccessDeniedException.class);
      write(s, "/x", UploadMode.resumeAt(0), 0, "again");
      assertThat(download(s, "/x")).isEqualTo("again");
    }
  }

  private FileSession noResumeSession() {
    VfsProvider noResume =
        new VfsProvider() {
          @Override
          public String type() {
            return "noresume";
          }

          @Override
          public Vfs create(Map<String, String> settings) {
            MemoryVfs inner = new MemoryVfs("noresume", Clock.systemUTC());
            return (Vfs) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Vfs.class},
                (p, m, a) -> switch (m.getName()) {
                  case "capabilities" -> Set.of();
                  case "supports" -> false;
                  default -> m.invoke(inner, a);
                });
          }
        };
    var sessions = new FileSessions(new VfsProviders(List.of(noResume)), fx.usage,
        new TransferLog(fx.records::add), fx.connections, Clock.systemUTC());
    return sessions.open(user().home(new StorageTarget("noresume", Map.of())).build(), "SFTP", "::1");
  }

  @Test
  void openLeavesTheFileAsItIsUntilTheFirstWrite() throws Exception {
    put(home, "/a.txt", "hello");
    try (FileSession s = fx.open(user().build())) {
      try (FileSession.Upload up = s.upload("/a.txt", UploadMode.OPEN)) {
        assertThat(up.position()).isEqualTo(5); // where an appending client writes
        up.commit();
      }
    }
    assertThat(get(home, "/a.txt")).isEqualTo("hello");
    assertThat(fx.records).isEmpty(); // only opened: no transfer
  }

  @Test
  void openContinuesAtTheSizeAndRewritesAtZero() throws Exception {
    put(home, "/a.txt", "hello");
    try (FileSession s = fx.open(user().build())) {
      write(s, "/a.txt", UploadMode.OPEN_EXISTING, 5, " world");
      assertThat(download(s, "/a.txt")).isEqualTo("hello world");
      write(s, "/a.txt", UploadMode.OPEN, 0, "new");
      assertThat(download(s, "/a.txt")).isEqualTo("new");
    }
    assertThat(uploads()).extracting(TransferRecord::ok).containsExactly(true, true);
  }

  @Test
  void openRefusesAWriteInTheMiddleAndEveryWriteAfter() throws Exception {
    put(home, "/a.txt", "hello");
    try (FileSession s = fx.open(user().build());
        FileSession.Upload up = s.upload("/a.txt", UploadMode.OPEN)) {
      assertThatThrownBy(() -> up.write(2, bytes("x"))).isInstanceOf(UploadOffsetException.class);
      assertThatThrownBy(() -> up.write(5, bytes("x"))).hasMessageContaining("failed earlier");
      assertThatThrownBy(up::commit).hasMessageContaining("failed earlier");
    }
    assertThat(get(home, "/a.txt")).isEqualTo("hello");
    assertThat(uploads()).singleElement().extracting(TransferRecord::ok).isEqualTo(false);
  }

  @Test
  void openCreatesAMissingFileUnlessItMustExist() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      assertThatThrownBy(() -> s.upload("/none.txt", UploadMode.OPEN_EXISTING))
          .isInstanceOf(NoSuchFileException.class);
      try (FileSession.Upload up = s.upload("/empty.txt", UploadMode.OPEN)) {
        up.commit();
      }
      assertThat(s.stat("/empty.txt").size()).isZero();
    }
  }

  @Test
  void openChecksPermissionsWhenItOpens() throws Exception {
    put(home, "/a.txt", "hello");
    try (FileSession s = fx.open(user().perms("/", Permission.UPLOAD).build())) {
      assertThatThrownBy(() -> s.upload("/a.txt", UploadMode.OPEN))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("'overwrite'");
    }
    try (FileSession s = fx.open(user().perms("/", Permission.DOWNLOAD).build())) {
      assertThatThrownBy(() -> s.upload("/a.txt", UploadMode.OPEN))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("'upload'");
    }
  }
}
