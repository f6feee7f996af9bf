package io.omniprep.llava;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.Reason;
import io.omniprep.json.Json;
import io.omniprep.json.RawJson;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleKeys;
import io.omniprep.sample.Turn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns one LLaVA / Ola / ShareGPT record (JSON text) into a {@link Sample}. Structure is checked
 * here only as far as building the model needs (an object, a list of turns with string texts,
 * well-formed media fields); the content rules (speakers, token counts, media on disk) are {@link
 * io.omniprep.validate.ValidateSamples}'s.
 *
 * <p>Fields it does not model are kept as raw JSON text, minus insignificant whitespace, so numbers
 * keep their spelling and writing back loses nothing.
 */
public final class RecordParser {
  /** NaN and Infinity as Python's {@code json} reads and writes them: bare words. */
  private static final JsonFactory FACTORY = Json.PYTHON_FACTORY;
  private static final ObjectMapper MAPPER = Json.PYTHON;
  private static final String[] CONVERSATION_FIELDS = {"conversations", "messages"};

  private RecordParser() {}

  /** Parses a record's UTF-8 bytes. */
  public static Sample parse(String source, long position, int ordinal, byte[] bytes, int from, int to)
      throws RecordParseException {
    return parse(source, source, position, ordinal, bytes, from, to);
  }

  /**
   * The same, keyed by {@code keyName} (the file's path under the inputs' common root, see {@link
   * JsonChunk#keyName()}) instead of the source's full location.
   */
  public static Sample parse(String source, String keyName, long position, int ordinal, byte[] bytes, int from, int to)
      throws RecordParseException {
    IdHolder id = new IdHolder();
    try {
      return parse(source, keyName, position, ordinal, bytes, from, to, id);
    } catch (RecordParseException e) {
      throw e.withId(id.value);
    }
  }

  /** The id seen so far, to quote it in a failure that comes after it. */
  private static final class IdHolder {
    String value;
  }

  private static Sample parse(String source, String keyName, long position, int ordinal, byte[] bytes, int from, int to,
      IdHolder id) throws RecordParseException {
    int[] span = unwrapSingletonList(bytes, from, to);
    refuseOtherEncodings(bytes, span[0], span[1]);
    Sample.Builder b =
        Sample.builder()
            .key(SampleKeys.of(keyName, position, ordinal))
            .source(source)
            .position(position)
            .ordinal(ordinal)
            .originalRecord(StrictText.utf8(bytes, from, to));
    boolean sawConversation = false;
    try (JsonParser p = FACTORY.createParser(bytes, span[0], span[1] - span[0])) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new RecordParseException(Reason.WRONG_TYPE, "record is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken valueToken = p.nextToken();
        b.addField(field);
        Optional<MediaKind> kind = field.equals("id") ? Optional.empty() : MediaKind.ofField(field);
        boolean conversation = !field.equals("id") && !sawConversation && isConversationField(field);
        // Parsed once, straight from the stream: these values are most of a record's bytes.
        if (conversation) {
          sawConversation = true;
          b.conversationField(field);
          readConversation(b, p, bytes, span[0], field);
          continue;
        }
        if (kind.isPresent() && valueToken != JsonToken.VALUE_NULL) {
          JsonNode value = tree(p);
          StrictText.checkMedia(value, field);
          readMedia(b, kind.get(), field, value);
          continue;
        }
        // The id and the other fields are kept as written: their bytes, minus whitespace.
        int start = (int) p.currentTokenLocation().getByteOffset() + span[0];
        if (valueToken.isStructStart()) {
          p.skipChildren();
        } else {
          p.finishToken();
        }
        int end = (int) p.currentLocation().getByteOffset() + span[0];
        if (field.equals("id")) {
          id.value = RawJson.minify(bytes, start, end);
          b.idJson(id.value);
        } else {
          b.putExtra(field, RawJson.minify(bytes, start, end));
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new RecordParseException(Reason.MALFORMED_JSON, "unexpected content after the record");
      }
    } catch (JsonProcessingException e) {
      throw new RecordParseException(Reason.MALFORMED_JSON, describe(e));
    } catch (IOException e) {
      throw new RecordParseException(Reason.MALFORMED_JSON, String.valueOf(e.getMessage()));
    }
    return b.build();
  }

  /**
   * Jackson guesses the encoding of a byte array from its first four bytes (NULs, a UTF-16 mark)
   * and then reports offsets in characters, not bytes: text that is UTF-8 cannot start so, so such a
   * record (a UTF-16 line in a UTF-8 file) is malformed here, before Jackson guesses.
   */
  private static void refuseOtherEncodings(byte[] bytes, int from, int to) throws RecordParseException {
    int first = from < to ? bytes[from] & 0xff : 0;
    boolean nul = false;
    for (int i = from; i < Math.min(to, from + 4); i++) {
      nul |= bytes[i] == 0;
    }
    if (nul || first == 0xFE || first == 0xFF) {
      throw new RecordParseException(
          Reason.MALFORMED_JSON, "not UTF-8 text (a NUL byte or a UTF-16 byte order mark): a UTF-16 or UTF-32 record in a UTF-8 file?");
    }
  }

  /** Parses a record given as a Jackson object (e.g. made by a preprocess function). */
  public static Sample parse(String source, long position, int ordinal, ObjectNode record)
      throws RecordParseException {
    try {
      byte[] bytes = MAPPER.writeValueAsBytes(record);
      return parse(source, position, ordinal, bytes, 0, bytes.length);
    } catch (JsonProcessingException e) {
      throw new RecordParseException(Reason.WRONG_TYPE, describe(e));
    }
  }

  private static boolean isConversationField(String field) {
    for (String f : CONVERSATION_FIELDS) {
      if (f.equals(field)) {
        return true;
      }
    }
    return false;
  }

  /** {@code [ {...} ]}, a record wrapped in a one-element list, is unwrapped. */
  private static int[] unwrapSingletonList(byte[] bytes, int from, int to) throws RecordParseException {
    int i = from;
    while (i < to && Character.isWhitespace(bytes[i])) {
      i++;
    }
    if (i == to || bytes[i] != '[') {
      return new int[] {from, to};
    }
    try (JsonParser p = FACTORY.createParser(bytes, from, to - from)) {
      p.nextToken();
      if (p.nextToken() == JsonToken.START_OBJECT) {
        int start = (int) p.currentTokenLocation().getByteOffset() + from;
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset() + from;
        if (p.nextToken() == JsonToken.END_ARRAY) {
          return new int[] {start, end};
        }
      }
      throw new RecordParseException(Reason.WRONG_TYPE, "record is a list, not an object or a one-object list");
    } catch (JsonProcessingException e) {
      throw new RecordParseException(Reason.MALFORMED_JSON, describe(e));
    } catch (IOException e) {
      throw new RecordParseException(Reason.MALFORMED_JSON, String.valueOf(e.getMessage()));
    }
  }

  private static JsonNode tree(JsonParser p) throws IOException {
    JsonNode value = MAPPER.readTree(p);
    return value != null ? value : NullNode.getInstance();
  }

  /**
   * The conversation at the parser's current token. A list of plain turns (almost every record's)
   * is read as it streams by ({@link #plainTurns}); anything else is read again from its bytes as a
   * tree, so that its failures and its turns' other keys read exactly as they always have.
   */
  private static void readConversation(Sample.Builder b, JsonParser p, byte[] bytes, int offset, String field)
      throws IOException, RecordParseException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      readTurns(b, tree(p), field);
      return;
    }
    int start = (int) p.currentTokenLocation().getByteOffset() + offset;
    List<Turn> turns = plainTurns(p);
    if (turns == null) {
      int end = (int) p.currentLocation().getByteOffset() + offset;
      readTurns(b, MAPPER.readTree(bytes, start, end - start), field);
      return;
    }
    for (Turn turn : turns) {
      b.addTurn(turn);
    }
  }

  /**
   * The turns of the list at the parser's current token when each is a plain pair of strings,
   * {@code {from, value}} or {@code {role, content}} in either order; null for any other list, the
   * parser then at the list's end.
   */
  private static @Nullable List<Turn> plainTurns(JsonParser p) throws IOException {
    List<Turn> turns = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      Turn turn = t == JsonToken.START_OBJECT ? plainTurn(p) : null;
      if (turn == null) {
        for (p.skipChildren(); p.nextToken() != JsonToken.END_ARRAY; ) {
          p.skipChildren();
        }
        return null;
      }
      turns.add(turn);
    }
    return turns;
  }

  /** The turn whose object starts at the parser's current token, if plain; the parser then at the object's end. */
  private static @Nullable Turn plainTurn(JsonParser p) throws IOException {
    String[] names = new String[2];
    String[] values = new String[2];
    int n = 0;
    boolean plain = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (plain && n < 2 && value == JsonToken.VALUE_STRING) {
        names[n] = name;
        values[n++] = p.getText();
      } else {
        plain = false;
        p.skipChildren();
      }
    }
    if (!plain || n != 2) {
      return null;
    }
    for (String[] keys : new String[][] {{"from", "value"}, {"role", "content"}}) {
      int speaker = names[0].equals(keys[0]) ? 0 : names[1].equals(keys[0]) ? 1 : -1;
      if (speaker >= 0 && names[1 - speaker].equals(keys[1])) {
        return new Turn(values[speaker], values[1 - speaker], keys[0].equals("role"), null);
      }
    }
    return null;
  }

  private static void readTurns(Sample.Builder b, JsonNode list, String field) throws RecordParseException {
    if (!list.isArray()) {
      throw new RecordParseException(Reason.WRONG_TYPE, "'" + field + "' is not a list");
    }
    int i = 0;
    for (JsonNode turn : list) {
      if (!turn.isObject()) {
        throw new RecordParseException(Reason.WRONG_TYPE, field + "[" + i + "] is not an object");
      }
      boolean roleContent = !turn.has("from") && (turn.has("role") || turn.has("content"));
      String speakerKey = roleContent ? "role" : "from";
      String textKey = roleContent ? "content" : "value";
      JsonNode speaker = turn.get(speakerKey);
      JsonNode text = turn.get(textKey);
      if (speaker == null || text == null) {
        throw new RecordParseException(
            Reason.WRONG_TYPE, field + "[" + i + "] needs '" + speakerKey + "' and '" + textKey + "'");
      }
      if (!speaker.isTextual()) {
        throw new RecordParseException(Reason.WRONG_TYPE, field + "[" + i + "]." + speakerKey + " is not a string");
      }
      if (!text.isTextual()) {
        throw new RecordParseException(
            Reason.WRONG_TYPE,
            field + "[" + i + "]." + textKey + " is " + text.getNodeType().name().toLowerCase() + ", not a string");
      }
      ObjectNode extra = ((ObjectNode) turn).deepCopy();
      extra.remove(speakerKey);
      extra.remove(textKey);
      b.addTurn(new Turn(speaker.asText(), text.asText(), roleContent, extra.isEmpty() ? null : extra.toString()));
      i++;
    }
  }

  private static void readMedia(Sample.Builder b, MediaKind kind, String field, JsonNode value)
      throws RecordParseException {
    if (value.isArray()) {
      int i = 0;
      for (JsonNode item : value) {
        b.addMedia(MediaRef.of(kind, field, i, location(item, field + "[" + i + "]")));
        i++;
      }
    } else {
      b.addMedia(MediaRef.of(kind, field, -1, location(value, field)));
    }
  }

  private static MediaLocation location(JsonNode value, String where) throws RecordParseException {
    if (value.isTextual()) {
      if (value.asText().isEmpty()) {
        throw new RecordParseException(Reason.WRONG_TYPE, where + " is an empty path");
      }
      return MediaLocation.path(value.asText());
    }
    if (value.isObject()) {
      return MediaLocation.patch(patchRef((ObjectNode) value, where));
    }
    throw new RecordParseException(
        Reason.WRONG_TYPE, where + " is " + value.getNodeType().name().toLowerCase() + ", not a path or a patch reference");
  }

  private static PatchRef patchRef(ObjectNode node, String where) throws RecordParseException {
    JsonNode patch = node.get("patch");
    JsonNode start = node.get("start_num");
    JsonNode size = node.get("size");
    if (patch == null || !patch.isTextual() || start == null || !start.canConvertToLong() || !start.isIntegralNumber()
        || size == null) {
      throw new RecordParseException(
          Reason.WRONG_TYPE, where + " must be a path or {patch: string, start_num: int, size: int or [int]}");
    }
    PatchRef ref;
    if (size.isIntegralNumber()) {
      ref = PatchRef.of(patch.asText(), start.asLong(), size.asLong());
    } else if (size.isArray()) {
      long[] sizes = new long[size.size()];
      for (int i = 0; i < sizes.length; i++) {
        if (!size.get(i).isIntegralNumber() || size.get(i).asLong() < 0) {
          throw new RecordParseException(Reason.WRONG_TYPE, where + ".size[" + i + "] is not a byte count");
        }
        sizes[i] = size.get(i).asLong();
      }
      ref = PatchRef.ofFrames(patch.asText(), start.asLong(), sizes);
    } else {
      throw new RecordParseException(Reason.WRONG_TYPE, where + ".size must be an int or a list of ints");
    }
    if (start.asLong() < 0 || (!size.isArray() && size.asLong() < 0)) {
      throw new RecordParseException(Reason.WRONG_TYPE, where + " has a negative offset or size");
    }
    ObjectNode extra = node.deepCopy();
    extra.remove("patch");
    extra.remove("start_num");
    extra.remove("size");
    return ref.withExtraJson(extra.isEmpty() ? null : extra.toString());
  }

  /** Jackson's message without the source excerpt it appends. */
  private static String describe(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    if (e.getLocation() != null) {
      msg += " (column " + e.getLocation().getColumnNr() + ")";
    }
    return msg;
  }
}
