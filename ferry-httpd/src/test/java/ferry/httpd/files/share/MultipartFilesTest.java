package ferry.httpd.files.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartFilesTest {
  private static final String BOUNDARY = "xYz-boundary-17";
  private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  private final Map<String, ByteArrayOutputStream> finished = new LinkedHashMap<>();
  private final List<String> discarded = new ArrayList<>();

  @Test
  void filePartsArriveWholeWhateverTheReadSizes() throws IOException {
    for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
      byte[] big = new byte[chunk < 100 ? 3_000 : 300_000]; // tiny reads cost a parse call each
      new Random(chunk).nextBytes(big);
      byte[] body = body(field("note", "hello"), file("a.txt", "alpha".getBytes(StandardCharsets.UTF_8)),
          file("b.bin", big), end());
      finished.clear();
      int n = MultipartFiles.read(TYPE, trickle(body, chunk), this::sink);
      assertThat(n).isEqualTo(2);
      assertThat(finished.keySet()).containsExactly("a.txt", "b.bin");
      assertThat(finished.get("a.txt").toString(StandardCharsets.UTF_8)).isEqualTo("alpha");
      assertThat(finished.get("b.bin").toByteArray()).isEqualTo(big);
    }
  }

  @Test
  void contentThatLooksLikeABoundaryStartSurvivesBufferEnds() throws IOException {
    for (int chunk : new int[] {3, 13, 65_536}) {
      ByteArrayOutputStream tricky = new ByteArrayOutputStream();
      for (int i = 0; i < (chunk < 100 ? 300 : 30_000); i++)
        tricky.writeBytes(("\r\n--xYz-bound" + i % 10).getBytes(StandardCharsets.UTF_8));
      byte[] content = tricky.toByteArray();
      byte[] body = body(file("t.bin", content), end());
      finished.clear();
      MultipartFiles.read(TYPE, trickle(body, chunk), this::sink);
      assertThat(finished.get("t.bin").toByteArray()).isEqualTo(content);
    }
  }

  @Test
  void aBodyCutShortDiscardsThePartInProgress() {
    byte[] body = body(file("a.txt", "alpha".getBytes(StandardCharsets.UTF_8)), file("b.bin", new byte[5000]));
    byte[] cut = java.util.Arrays.copyOf(body, body.length - 2000);
    assertThatThrownBy(() -> MultipartFiles.read(TYPE, new ByteArrayInputStream(cut), this::sink))
        .isInstanceOf(ValidationException.class);
    assertThat(finished).containsOnlyKeys("a.txt");
    assertThat(discarded).containsExactly("b.bin");
  }

  @Test
  void notMultipartOrNoFileIsA400() {
    assertThatThrownBy(() -> MultipartFiles.read("application/json", InputStream.nullInputStream(), this::sink))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MultipartFiles.read(TYPE, new ByteArrayInputStream(body(field("x", "y"), end())),
        this::sink)).isInstanceOf(ValidationException.class).hasMessageContaining("no file");
  }

  @Test
  void fileNamesComeFromEitherDispositionForm() {
    assertThat(MultipartFiles.fileName("form-data; name=\"f\"; filename=\"a b.txt\"")).isEqualTo("a b.txt");
    assertThat(MultipartFiles.fileName("form-data; name=\"f\"; filename*=UTF-8''%C3%A0.txt")).isEqualTo("à.txt");
    assertThat(MultipartFiles.fileName("form-data; name=\"f\"")).isNull();
  }

  private MultipartFiles.Target sink(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return new MultipartFiles.Target() {
      boolean done;

      @Override
      public void write(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        out.write(b, 0, b.length);
      }

      @Override
      public void finish() {
        done = true;
        finished.put(name, out);
      }

      @Override
      public void close() {
        if (!done) discarded.add(name);
      }
    };
  }

  private static byte[] body(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.write(p, 0, p.length);
    return out.toByteArray();
  }

  private static byte[] file(String name, byte[] content) {
    return body(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filenames\"; filename=\"" + name
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8), content,
        "\r\n".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] field(String name, String value) {
    return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] end() {
    return ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Hands out at most {@code chunk} bytes per read, as a slow network does. */
  private static InputStream trickle(byte[] body, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(body)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
