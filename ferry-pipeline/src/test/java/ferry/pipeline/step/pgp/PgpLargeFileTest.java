package ferry.pipeline.step.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 MiB through gzip, pgp-encrypt (signed), pgp-decrypt (verified) and gunzip in a JVM whose heap
 * (32 MiB) is half the file: it can only pass by streaming. gpg then opens what Ferry encrypted.
 */
class PgpLargeFileTest {
  static final int MIB = 64;
  static final String HEAP = "-Xmx32m";

  @TempDir Path tmp;

  @Test
  void sixtyFourMebibytesGoThroughWithAHeapHalfTheirSize() throws Exception {
    try (Gpg gpg = new Gpg(tmp.resolve("g"))) {
      gpg.generate("Big <big@example.test>", "pw", "default");
      Files.writeString(tmp.resolve("pub.asc"), gpg.exportPublicArmored("Big <big@example.test>"));
      Files.writeString(tmp.resolve("key.asc"), gpg.exportSecretArmored("Big <big@example.test>", "pw"));
      Files.writeString(tmp.resolve("pass.txt"), "pw");

      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process p =
          new ProcessBuilder(List.of(java.toString(), HEAP, "-cp", System.getProperty("java.class.path"), BigFileMain.class.getName(),
                  tmp.toString(), String.valueOf(MIB)))
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      System.out.println(out);

      String[] sha = out.lines().filter(l -> l.startsWith("sha256 ")).findFirst().orElseThrow().split(" ");
      assertThat(sha[2]).as("bytes after the round trip").isEqualTo(sha[1]);
      String encrypted = out.lines().filter(l -> l.startsWith("encrypted ")).findFirst().orElseThrow().substring(10);
      assertThat(Files.size(Path.of(encrypted))).isLessThan((long) MIB << 20);

      Path gunzipped = tmp.resolve("by-gpg.csv.gz");
      gpg.run(null, "--passphrase", "pw", "--output", gunzipped.toString(), "--decrypt", encrypted).ok();
      Process sum = new ProcessBuilder("sh", "-c", "gzip -dc \"$0\" | sha256sum", gunzipped.toString()).start();
      String gpgSha = new String(sum.getInputStream().readAllBytes()).split(" ")[0];
      assertThat(sum.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(gpgSha).as("gpg --decrypt | gunzip").isEqualTo(sha[1]);
    }
  }
}
