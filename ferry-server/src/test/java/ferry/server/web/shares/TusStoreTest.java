package ferry.server.web.shares;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.web.frame.Messages;
import ferry.web.shares.tus.TusMetadata;
import ferry.web.shares.tus.TusStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging of resumable uploads: owners, appends, expiry and pruning; metadata; the part's texts. */
class TusStoreTest {
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void uploadsBelongToTheirOwnerAndExpire(@TempDir Path dir) throws Exception {
    MovableClock clock = new MovableClock();
    TusStore store = new TusStore(dir, Duration.ofHours(24), clock);
    TusStore.Staged s = store.create("user:alice", 10, "/f");
    assertThat(store.find(s.id(), "user:bob")).isEmpty();
    assertThat(store.find("../../etc/passwd", "user:alice")).isEmpty();
    TusStore.Appended a = store.append(s, new ByteArrayInputStream(new byte[12]));
    assertThat(a.upload().offset()).isEqualTo(10);
    assertThat(a.tooLong()).isTrue();
    assertThat(store.find(s.id(), "user:alice").orElseThrow().complete()).isTrue();

    TusStore.Staged old = store.create("user:alice", 5, "/old");
    clock.now = clock.now.plus(Duration.ofHours(25));
    assertThat(store.find(old.id(), "user:alice")).isEmpty();
    try (var files = Files.list(dir)) {
      files.forEach(f -> f.toFile().setLastModified(clock.now.minus(Duration.ofHours(25)).toEpochMilli()));
    }
    assertThat(store.prune()).isEqualTo(4);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void metadataNamesTheFileAndItsFolders() {
    String meta = "filename " + b64("c.txt") + ",relativePath " + b64("a/b/c.txt") + ",target " + b64("/up");
    TusMetadata m = TusMetadata.parse(meta);
    assertThat(m.inside()).isEqualTo("a/b/c.txt");
    assertThat(m.target()).isEqualTo("/up");
    assertThat(TusMetadata.parse("filename " + b64("x.bin")).inside()).isEqualTo("x.bin");
  }

  @Test
  void everySharesTextIsInGermanToo() throws Exception {
    assertThat(keys("shares_de")).isEqualTo(keys("shares")).isNotEmpty();
    assertThat(Messages.of(Locale.GERMAN).t("shares.list.title")).isEqualTo("Freigaben");
  }

  private static java.util.Set<String> keys(String file) throws Exception {
    java.util.Properties p = new java.util.Properties();
    try (var in = Messages.class.getResourceAsStream("/ferry/web/i18n/" + file + ".properties")) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p.stringPropertyNames();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
