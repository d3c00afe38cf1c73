package ferry.core.session;

import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.folder.StorageTarget;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sessions may run on a front end's I/O threads: only those that wait on nothing but a disk. */
class FileSessionLocalDiskTest {
  private final SessionFixture fx = new SessionFixture();

  @Test
  void onlyLocalUnpacedSessionsWithoutQuotaWaitOnlyOnLocalDisk(@TempDir Path tmp) {
    StorageTarget local = new StorageTarget("local", Map.of("root", tmp.toString()));
    assertThat(waitsOnlyOnDisk(user().home(local))).isTrue();

    assertThat(waitsOnlyOnDisk(user())).as("storage of another type").isFalse();
    assertThat(waitsOnlyOnDisk(user().home(local).folder("/v", "v", 0, 0))).as("a folder elsewhere").isFalse();
    assertThat(waitsOnlyOnDisk(user().home(local).quota(1000, 0))).as("size quota").isFalse();
    assertThat(waitsOnlyOnDisk(user().home(local).quota(0, 10))).as("files quota").isFalse();
    SessionFixture.UserBuilder paced = user().home(local);
    paced.downBw = 100;
    assertThat(waitsOnlyOnDisk(paced)).as("download limit").isFalse();
    SessionFixture.UserBuilder capped = user().home(local);
    capped.maxUpload = 1000;
    assertThat(waitsOnlyOnDisk(capped)).as("upload size limit (reads usage)").isFalse();
  }

  private boolean waitsOnlyOnDisk(SessionFixture.UserBuilder u) {
    try (FileSession s = fx.open(u.build())) {
      return s.waitsOnlyOnLocalDisk();
    }
  }
}
