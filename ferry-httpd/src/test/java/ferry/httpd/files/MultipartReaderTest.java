package ferry.httpd.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
  @Test
  void partsComeThroughWhateverChunksTheStreamDelivers() throws IOException {
    byte[] big = new byte[MultipartReader.BUFFER_BYTES * 3 + 7];
    new Random(1).nextBytes(big);
    byte[] tricky = "a\r\n--b0und\r\n--b0unda\r\n-".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("preamble\r\n".getBytes(StandardCharsets.US_ASCII));
    part(body, "field", null, "plain".getBytes(StandardCharsets.UTF_8));
    part(body, "filenames", "big.bin", big);
    part(body, "filenames", "semi;colon \\\"q\\\".txt", tricky);
    part(body, "filenames", "empty", new byte[0]);
    body.writeBytes("--b0undary--\r\nepilogue".getBytes(StandardCharsets.US_ASCII));
    for (int chunk : new int[] {1, 3, 4096, Integer.MAX_VALUE}) {
      MultipartReader r = new MultipartReader(chunked(body.toByteArray(), chunk), "b0undary");
      List<String> names = new ArrayList<>();
      List<byte[]> contents = new ArrayList<>();
      for (MultipartReader.Part p; (p = r.next()) != null; ) {
        names.add(p.name() + ":" + p.filename());
        contents.add(p.body().readAllBytes());
      }
      assertThat(names).containsExactly("field:null", "filenames:big.bin", "filenames:semi;colon \"q\".txt",
          "filenames:empty");
      assertThat(contents.get(0)).isEqualTo("plain".getBytes(StandardCharsets.UTF_8));
      assertThat(contents.get(1)).isEqualTo(big);
      assertThat(contents.get(2)).isEqualTo(tricky);
      assertThat(contents.get(3)).isEmpty();
    }
  }

  @Test
  void aPartSkippedUnreadIsPassedOver() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, "filenames", "a", new byte[100_000]);
    part(body, "filenames", "b", "B".getBytes(StandardCharsets.UTF_8));
    body.writeBytes("--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
    MultipartReader r = new MultipartReader(new ByteArrayInputStream(body.toByteArray()), "b0undary");
    assertThat(r.next().filename()).isEqualTo("a");
    MultipartReader.Part b = r.next();
    assertThat(b.body().readAllBytes()).isEqualTo("B".getBytes(StandardCharsets.UTF_8));
    assertThat(r.next()).isNull();
  }

  @Test
  void aTruncatedBodyOrAMissingBoundaryIsA400() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, "filenames", "a", new byte[1000]);
    byte[] cut = java.util.Arrays.copyOf(body.toByteArray(), 500);
    MultipartReader r = new MultipartReader(new ByteArrayInputStream(cut), "b0undary");
    InputStream in = r.next().body();
    assertThatThrownBy(in::readAllBytes).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MultipartReader.boundary("application/json")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MultipartReader.boundary("multipart/form-data")).isInstanceOf(ValidationException.class);
    assertThat(MultipartReader.boundary("multipart/form-data; charset=utf-8; boundary=\"x y\"")).isEqualTo("x y");
  }

  @Test
  void contentThatLooksLikeABoundaryStartSurvivesBufferEnds() throws IOException {
    for (int chunk : new int[] {3, 13, 65_536}) {
      ByteArrayOutputStream tricky = new ByteArrayOutputStream();
      for (int i = 0; i < (chunk < 100 ? 300 : 30_000); i++)
        tricky.writeBytes(("\r\n--b0und" + i % 10).getBytes(StandardCharsets.UTF_8));
      byte[] content = tricky.toByteArray();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      part(body, "filenames", "t.bin", content);
      body.writeBytes("--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
      MultipartReader r = new MultipartReader(chunked(body.toByteArray(), chunk), "b0undary");
      assertThat(r.next().body().readAllBytes()).isEqualTo(content);
      assertThat(r.next()).isNull();
    }
  }

  @Test
  void fileNamesComeFromEitherDispositionForm() throws IOException {
    String body = "--b0undary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\";"
        + " filename*=UTF-8''%C3%A0+b.txt\r\n\r\nx\r\n--b0undary--\r\n";
    MultipartReader r = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
        "b0undary");
    assertThat(r.next().filename()).isEqualTo("\u00e0+b.txt");
    assertThat(MultipartReader.extended("UTF-8'en'%C3%A0.txt")).isEqualTo("\u00e0.txt");
    assertThat(MultipartReader.extended("ISO-8859-1''x.txt")).isNull();
    assertThat(MultipartReader.param("form-data; name=\"f\"", "filename")).isNull();
  }

  private static void part(ByteArrayOutputStream b, String name, String filename, byte[] content) {
    String disposition = "form-data; name=\"" + name + "\"" + (filename == null ? "" : "; filename=\"" + filename + "\"");
    b.writeBytes(("--b0undary\r\nContent-Disposition: " + disposition + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    b.writeBytes(content);
    b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static InputStream chunked(byte[] data, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
