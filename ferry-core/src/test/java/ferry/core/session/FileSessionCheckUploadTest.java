package ferry.core.session;

import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.error.QuotaExceededException;
import ferry.core.transfer.TransferRecord;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FileSession#checkUpload}: the upload's own checks, asked before any byte, with the size it will have. */
class FileSessionCheckUploadTest {
  private final SessionFixture fx = new SessionFixture();

  @Test
  void anAllowedUploadThatFitsPassesAndWritesNothing() throws Exception {
    try (FileSession s = fx.open(user().quota(1000, 0).build())) {
      s.checkUpload("/new/deep/f.txt", 1000);
      assertThatThrownBy(() -> s.stat("/new")).isInstanceOf(NoSuchFileException.class);
      assertThat(fx.records).isEmpty();
    }
  }

  @Test
  void theSizeIsHeldToTheQuotaAndTheUploadLimit() throws Exception {
    try (FileSession s = fx.open(user().quota(1000, 0).build())) {
      upload(s, "/f", "x".repeat(400));
      assertThatThrownBy(() -> s.checkUpload("/g", 601))
          .isInstanceOf(QuotaExceededException.class).hasMessageContaining("size quota of 1000 bytes");
      s.checkUpload("/g", 600);
      s.checkUpload("/f", 1000); // replacing the 400 bytes frees them
      TransferRecord refused = fx.records.getLast();
      assertThat(refused.ok()).isFalse();
      assertThat(refused.path()).isEqualTo("/g");
    }
  }

  @Test
  void permissionsAndPatternsRefuseAsTheUploadWould() throws Exception {
    var u = user().perms("/ro", Permission.LIST, Permission.DOWNLOAD)
        .patterns("/", List.of(), List.of("*.exe"), 0).build();
    try (FileSession s = fx.open(u)) {
      assertThatThrownBy(() -> s.checkUpload("/ro/f.txt", 1))
          .isInstanceOf(AccessDeniedException.class).hasMessageContaining("upload");
      assertThatThrownBy(() -> s.checkUpload("/setup.exe", 1))
          .isInstanceOf(AccessDeniedException.class).hasMessageContaining("file patterns");
    }
  }
}
