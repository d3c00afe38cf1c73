package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flight recording of the server (e.g. a profile) works and carries SQL but no bound values. */
class JfrRecordingTest {
  private static final String SECRET = "argon2id-hash-that-must-not-leak";

  @Test
  void statementEventsKeepTheSqlAndDropTheValues(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("store.jfr");
    try (Database db = Database.open(TestDatabases.h2Memory(), 2);
        Recording recording = new Recording()) {
      recording.enable("jdbi.statement");
      recording.start();
      String echoed = db.jdbi().withHandle(h ->
          h.createQuery("SELECT CAST(:v AS VARCHAR) AS v").bind("v", SECRET).mapTo(String.class).one());
      assertThat(echoed).isEqualTo(SECRET);
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("jdbi.statement"))
        .toList();
    assertThat(events).anySatisfy(e -> assertThat(e.getString("sql")).contains("CAST(:v AS VARCHAR)"));
    assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
  }
}
