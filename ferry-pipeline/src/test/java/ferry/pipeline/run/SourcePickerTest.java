package ferry.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.pipeline.definition.Location;
import ferry.pipeline.definition.Source;
import ferry.vfs.MemoryVfs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.WriteOptions;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SourcePickerTest {
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
  final MemoryVfs vfs = new MemoryVfs("src", clock);

  @Test
  void aFileYoungerThanMinAgeWaitsForALaterPick() throws Exception {
    write("/in/old.csv", 10);
    clock.now = clock.now.plusSeconds(25);
    write("/in/new.csv", 10);
    clock.now = clock.now.plusSeconds(10);
    Source src = new Source(new Location("src", null, "/in"), "*.csv", null, false, null, null, Duration.ofSeconds(30),
        null, null);

    assertThat(new SourcePicker(clock).pick(vfs, src)).extracting(SourceFile::path).containsExactly("/in/old.csv");
    clock.now = clock.now.plusSeconds(30);
    assertThat(new SourcePicker(clock).pick(vfs, src)).extracting(SourceFile::path)
        .containsExactly("/in/new.csv", "/in/old.csv");
  }

  @Test
  void sizesBoundThePickAndTemporaryFilesAndTheArchiveAreNeverPicked() throws Exception {
    write("/in/a.bin", 5);
    write("/in/b.bin", 50);
    write("/in/c.bin", 500);
    write("/in/c.bin.ferry-0b1c2d3e-aaaa-bbbb-cccc-000000000000.part", 50);
    write("/in/archive/d.bin", 50);
    write(ferry.vfs.UploadNames.tempFor(VPath.of("/in/f.bin")).toString(), 50);
    write("/in/sub/e.bin", 50);
    Source src = new Source(new Location("src", null, "/in"), null, null, true, 10L, 100L, null,
        Source.AfterSuccess.MOVE, "/in/archive");

    assertThat(new SourcePicker(clock).pick(vfs, src)).extracting(SourceFile::path)
        .containsExactly("/in/b.bin", "/in/sub/e.bin");
    assertThat(SourcePicker.seenKey(new SourceFile("/in/b.bin", 50, clock.instant())))
        .isEqualTo("/in/b.bin|50|" + clock.instant().toEpochMilli());
  }

  private void write(String path, int size) throws Exception {
    VPath p = VPath.of(path);
    vfs.mkdirs(p.parentOrRoot());
    try (Upload up = vfs.openWrite(p, WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(new byte[size]));
      up.commit();
    }
  }

  static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
