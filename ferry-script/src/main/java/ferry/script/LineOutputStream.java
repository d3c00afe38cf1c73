package ferry.script;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a byte stream (the script's {@code console.log} and {@code print}) into UTF-8 lines. Bytes
 * past {@code maxLineBytes} in one line are dropped, so a line without a newline cannot grow
 * without bound.
 */
final class LineOutputStream extends OutputStream {
  /** Receives each line. */
  interface Sink {
    /**
     * @param text the line without its line break
     * @param cut whether bytes past the limit were dropped from it
     */
    void line(String text, boolean cut);
  }

  private final Sink sink;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean cut;

  LineOutputStream(Sink sink, int maxLineBytes) {
    this.sink = sink;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
    } else if (line.size() < maxLineBytes) {
      line.write(b);
    } else {
      cut = true;
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Emits a pending partial line. */
  @Override
  public synchronized void flush() {
    if (line.size() > 0) {
      emit();
    }
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    boolean wasCut = cut;
    cut = false;
    sink.line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, wasCut);
  }
}
