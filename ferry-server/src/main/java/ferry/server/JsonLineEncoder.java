package ferry.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.event.KeyValuePair;

/**
 * One flat JSON object per log event and line, for log shippers ({@code ferry serve --log-format
 * json}, issue 11): {@code timestamp} (UTC, ms), {@code level}, {@code logger}, {@code thread},
 * {@code message}, then the MDC entries and the event's key-value pairs as fields of their own
 * (numbers and booleans keep their type), and {@code stack_trace} when there is an exception. A
 * field never repeats: the first of a name wins. Written by Jackson's generator, which escapes
 * what JSON requires; C1 controls and the Unicode line separators are escaped too, as the text
 * format does (issue 10).
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
  private static final CharacterEscapes ESCAPES = new ControlEscapes();
  private static final byte[] NEWLINE = {'\n'};

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.setCharacterEscapes(ESCAPES);
      Set<String> written = new HashSet<>();
      g.writeStartObject();
      field(g, written, "timestamp", TIMESTAMP.format(event.getInstant()));
      field(g, written, "level", event.getLevel().toString());
      field(g, written, "logger", event.getLoggerName());
      field(g, written, "thread", event.getThreadName());
      field(g, written, "message", event.getFormattedMessage());
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null) {
        for (Map.Entry<String, String> e : new TreeMap<>(mdc).entrySet()) {
          field(g, written, e.getKey(), e.getValue());
        }
      }
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair kv : event.getKeyValuePairs()) {
          field(g, written, kv.key, kv.value);
        }
      }
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        field(g, written, "stack_trace", ThrowableProxyUtil.asString(thrown));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Writing a log line to memory failed", e);
    }
    out.writeBytes(NEWLINE);
    return out.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  private static void field(JsonGenerator g, Set<String> written, String key, Object value) throws IOException {
    if (key == null || value == null || !written.add(key)) {
      return;
    }
    g.writeFieldName(key);
    switch (value) {
      case Integer n -> g.writeNumber(n);
      case Long n -> g.writeNumber(n);
      case Short n -> g.writeNumber(n);
      case Byte n -> g.writeNumber(n);
      case Double n when Double.isFinite(n) -> g.writeNumber(n);
      case Float n when Float.isFinite(n) -> g.writeNumber(n);
      case BigDecimal n -> g.writeNumber(n);
      case BigInteger n -> g.writeNumber(n);
      case Boolean b -> g.writeBoolean(b);
      default -> g.writeString(String.valueOf(value));
    }
  }

  /** JSON's own escapes, plus DEL, the C1 controls and U+2028/U+2029 as {@code \\uXXXX}. */
  private static final class ControlEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    ControlEscapes() {
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      boolean control = (ch >= 0x80 && ch <= 0x9f) || ch == 0x2028 || ch == 0x2029;
      return control ? new SerializedString(String.format("\\u%04X", ch)) : null;
    }
  }
}
