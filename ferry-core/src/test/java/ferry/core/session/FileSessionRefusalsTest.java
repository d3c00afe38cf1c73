package ferry.core.session;

import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ferry.core.account.Permission;
import ferry.core.error.QuotaExceededException;
import ferry.core.transfer.TransferRecord;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A transfer refused before it started (permission, file patterns, quota, a bad name) is on record
 * as a failed transfer with the reason the client got, so the transfer log shows it (issue 11).
 */
class FileSessionRefusalsTest {
  private final SessionFixture fx = new SessionFixture();

  @Test
  void anUploadIntoAReadOnlyDirectoryIsRecordedAsFailedWithTheReason() throws Exception {
    try (FileSession s = fx.open(user().perms("/ro", Permission.LIST, Permission.DOWNLOAD).build())) {
      assertThatThrownBy(() -> upload(s, "/ro/a.csv", "x")).isInstanceOf(AccessDeniedException.class);
    }
    assertThat(fx.records).singleElement().satisfies(r -> {
      assertThat(r.ok()).isFalse();
      assertThat(r.direction()).isEqualTo(TransferRecord.UPLOAD);
      assertThat(r.username()).isEqualTo("bob");
      assertThat(r.protocol()).isEqualTo("SFTP");
      assertThat(r.path()).isEqualTo("/ro/a.csv");
      assertThat(r.srcVfs()).isEqualTo("SFTP");
      assertThat(r.dstVfs()).isEqualTo("home");
      assertThat(r.dstPath()).isEqualTo("/ro/a.csv");
      assertThat(r.bytes()).isZero();
      assertThat(r.remoteAddr()).isEqualTo("10.0.0.7");
      assertThat(r.error()).isEqualTo("permission denied: 'upload' is not granted in /ro");
    });
  }

  @Test
  void anUploadRefusedByAFullQuotaIsRecordedWithTheQuotaMessage() throws Exception {
    fx.usage.addToUser("bob", 1000, 1);
    try (FileSession s = fx.open(user().quota(1000, 0).build())) {
      assertThatThrownBy(() -> s.upload("/x", UploadMode.REPLACE)).isInstanceOf(QuotaExceededException.class);
    }
    assertThat(fx.records).singleElement().satisfies(r -> {
      assertThat(r.ok()).isFalse();
      assertThat(r.error()).contains("already uses 1000 of 1000 bytes");
    });
  }

  @Test
  void anUploadWithAControlCharacterInItsNameIsRecordedUnderAScrubbedPath() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      assertThatThrownBy(() -> s.upload("/in/a\nb\u001b.txt", UploadMode.REPLACE)).isInstanceOf(AccessDeniedException.class);
    }
    assertThat(fx.records).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/in/a?b?.txt");
      assertThat(r.dstPath()).isEqualTo("/in/a?b?.txt");
      assertThat(r.error()).contains("control characters are not allowed");
    });
  }

  @Test
  void aDownloadTheFilePatternsDenyIsRecordedAsFailed() throws Exception {
    put(fx.storage("home"), "/in/secret.key", "k");
    try (FileSession s = fx.open(user().patterns("/in", java.util.List.of(), java.util.List.of("*.key"), 0).build())) {
      assertThatThrownBy(() -> s.download("/in/secret.key")).isInstanceOf(AccessDeniedException.class);
    }
    assertThat(fx.records).singleElement().satisfies(r -> {
      assertThat(r.direction()).isEqualTo(TransferRecord.DOWNLOAD);
      assertThat(r.ok()).isFalse();
      assertThat(r.srcVfs()).isEqualTo("home");
      assertThat(r.dstVfs()).isEqualTo("SFTP");
      assertThat(r.error()).contains("not allowed by the file patterns of /in");
    });
  }

  @Test
  void anInvalidPathIsRecordedWithoutItsNul() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      assertThatThrownBy(() -> s.upload("/a\0b", UploadMode.REPLACE)).isInstanceOf(AccessDeniedException.class);
    }
    assertThat(fx.records).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/a?b");
      assertThat(r.error()).contains("invalid path");
    });
  }

  @Test
  void aRefusedDeleteOrRenameIsAWarningWithTheReasonAndNoTransferRecord() throws Exception {
    put(fx.storage("home"), "/in/a.txt", "a");
    Logger logger = (Logger) LoggerFactory.getLogger("ferry.session");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    try (FileSession s = fx.open(user().perms("/in", Permission.LIST).build())) {
      assertThatThrownBy(() -> s.remove("/in/a.txt")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.rename("/in/a.txt", "/in/b\n.txt", false)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.remove("/in/missing.txt")).isInstanceOf(java.nio.file.NoSuchFileException.class);
    } finally {
      logger.detachAppender(seen);
    }
    assertThat(fx.records).isEmpty();
    assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "delete refused bob@10.0.0.7 SFTP /in/a.txt: permission denied: 'delete_files' is not granted in /in",
        "rename refused bob@10.0.0.7 SFTP /in/a.txt -> /in/b?.txt:"
            + " invalid file name: control characters are not allowed");
    assertThat(seen.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    assertThat(seen.list.get(0).getKeyValuePairs()).extracting(p -> p.key)
        .containsExactly("event", "operation", "user", "protocol", "path", "error", "remote_addr", "conn_id");
    assertThat(seen.list.get(1).getKeyValuePairs()).extracting(p -> p.key).contains("target");
  }
}
