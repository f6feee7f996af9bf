package io.omniprep.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON configurations, each made once. Jackson's factories and mappers are thread-safe once
 * configured: share these and never reconfigure them (derive a writer or a new builder instead).
 * Each mapper has its own factory, since a factory hands its parsers the mapper it was last given.
 */
public final class Json {
  /** Strict JSON (Jackson's defaults): what omniprep writes of its own (journals, reports, errors). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** {@link #MAPPER}'s factory, for streaming. */
  public static final JsonFactory FACTORY = MAPPER.getFactory();

  /** {@link #MAPPER}, indented by Jackson's default printer (two spaces, {@code " : "}). */
  public static final ObjectWriter INDENTED = MAPPER.writerWithDefaultPrettyPrinter();

  /**
   * Python's {@code json}: NaN and Infinity read and written as bare words, as Python writes and
   * reads them, so that a score of NaN in a record stays the number NaN and not the string "NaN".
   * For what omniprep reads from or writes into user records.
   */
  public static final ObjectMapper PYTHON = new ObjectMapper(pythonFactory());

  /** {@link #PYTHON}'s factory, for streaming. */
  public static final JsonFactory PYTHON_FACTORY = PYTHON.getFactory();

  private Json() {}

  /** A builder of a mapper with {@link #PYTHON}'s NaN handling, to add other features to. */
  public static JsonMapper.Builder pythonMapper() {
    return JsonMapper.builder(pythonFactory());
  }

  private static JsonFactory pythonFactory() {
    return JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .build();
  }
}
