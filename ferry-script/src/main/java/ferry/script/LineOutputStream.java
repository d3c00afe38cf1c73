package ferry.script;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a byte stream (the script's {@code console.log} and {@code print}) into UTF-8 lines. Bytes
 * past {@code maxLineBytes} in one line are dropped, so a line without a newline cannot grow
 * without bound.
 */
final class LineOutputStream extends OutputStream {
  private final Consumer<String> sink;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LineOutputStream(Consumer<String> sink, int maxLineBytes) {
    this.sink = sink;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
    } else if (line.size() < maxLineBytes) {
      line.write(b);
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
    sink.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
  }
}
