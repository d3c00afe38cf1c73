package ferry.httpd.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of the HTTP faces: ISO-8601 instants, nulls kept. Request bodies nest at most
 * {@link #MAX_NESTING} deep and numbers have at most {@link #MAX_NUMBER_LENGTH} digits: no Ferry
 * body needs more, and deeper or longer input only costs the server stack and CPU. Anything after
 * the body's one JSON value ({@code {"a":1}}}) makes it malformed, not silently cut short.
 */
public final class Json {
  public static final int MAX_NESTING = 64;
  public static final int MAX_NUMBER_LENGTH = 64;

  public static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING).maxNumberLength(MAX_NUMBER_LENGTH).build())
              .build())
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Json() {}
}
