package io.omniprep.llava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.Reason;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Turn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordParserTest {

  static Sample parse(String json) throws RecordParseException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return RecordParser.parse("/data/set.json", 7, 0, bytes, 0, bytes.length);
  }

  static RecordParseException failure(String json) {
    return assertThrows(RecordParseException.class, () -> parse(json));
  }

  @Test
  void nanStaysABareNumberAsPythonWritesIt() throws Exception {
    assertEquals("NaN", parse("{\"id\": 1, \"gen_score\": NaN, \"conversations\": []}").extras().get("gen_score"));
    ObjectNode made = JsonNodeFactory.instance.objectNode();
    made.put("gen_score", Double.NaN);
    made.putArray("conversations");
    assertEquals("NaN", RecordParser.parse("/data/set.json", 7, 0, made).extras().get("gen_score"));
  }

  @Test
  void readsALlavaRecord() throws Exception {
    Sample s = parse("{\"id\": \"004539375\", \"image\": \"00453/004539375.jpg\", \"conversations\": ["
        + "{\"from\": \"human\", \"value\": \"<image>\\nDescribe.\"}, {\"from\": \"gpt\", \"value\": \"A cat.\"}]}");
    assertEquals("\"004539375\"", s.idJson());
    assertEquals(List.of("id", "image", "conversations"), s.fieldOrder());
    assertEquals(1, s.media().size());
    MediaRef image = s.media().get(0);
    assertEquals(MediaKind.IMAGE, image.kind());
    assertEquals(-1, image.index());
    assertEquals("00453/004539375.jpg", image.location().path());
    assertEquals("human", s.turns().get(0).speaker());
    assertEquals("<image>\nDescribe.", s.turns().get(0).text());
    assertFalse(s.turns().get(0).roleContentKeys());
    assertEquals("/data/set.json", s.source());
    assertEquals(7, s.position());
    assertTrue(s.key().endsWith("-000000007"));
  }

  @Test
  void readsShareGptListsAndRoleContentTurns() throws Exception {
    Sample s = parse("{\"messages\": [{\"role\": \"user\", \"content\": \"<image><video>\"}, {\"role\": \"assistant\", \"content\": \"ok\"}],"
        + " \"images\": [\"a.jpg\"], \"videos\": [\"v/1.mp4\", \"v/2.mp4\"]}");
    assertNull(s.idJson());
    assertEquals("messages", s.conversationField());
    assertTrue(s.turns().get(0).roleContentKeys());
    assertEquals("user", s.turns().get(0).speaker());
    assertEquals(List.of(0, 0, 1), s.media().stream().map(MediaRef::index).toList());
    assertEquals(2, s.media(MediaKind.VIDEO).size());
    assertEquals("videos", s.media(MediaKind.VIDEO).get(1).field());
  }

  @Test
  void readsOlaPatchReferences() throws Exception {
    Sample s = parse("{\"image\": {\"patch\": \"patch_000000\", \"start_num\": 846113989, \"size\": 27141},"
        + " \"video\": {\"patch\": \"p1\", \"size\": [5, 7, 9], \"start_num\": 10, \"image_encoding\": \"base64\"},"
        + " \"conversations\": [{\"from\": \"human\", \"value\": \"<image><image>\"}, {\"from\": \"gpt\", \"value\": \"x\"}]}");
    PatchRef image = s.media().get(0).location().patchRef();
    assertEquals(846113989L, image.start());
    assertFalse(image.sizeIsList());
    assertEquals(27141L, image.totalSize());
    PatchRef video = s.media().get(1).location().patchRef();
    assertTrue(video.sizeIsList());
    assertArrayEquals(new long[] {5, 7, 9}, video.sizes());
    assertEquals("{\"image_encoding\":\"base64\"}", video.extraJson());
  }

  @Test
  void keepsOtherFieldsVerbatimWithoutWhitespace() throws Exception {
    Sample s = parse("{\"id\": 12, \"duration\": 1.50, \"gen_score\": [ 5e-1 , 2E3 ], \"text_q\": \"caf\\u00e9 \\\"q\\\"\","
        + " \"conversations\": [{\"from\": \"human\", \"value\": \"hi\", \"weight\": 0}, {\"from\": \"gpt\", \"value\": \"yo\"}], \"image\": null}");
    assertEquals("12", s.idJson());
    assertEquals("1.50", s.extras().get("duration"));
    assertEquals("[5e-1,2E3]", s.extras().get("gen_score"));
    assertEquals("\"caf\\u00e9 \\\"q\\\"\"", s.extras().get("text_q"));
    assertEquals("null", s.extras().get("image"), "a null media field is kept as a plain field");
    assertEquals("{\"weight\":0}", s.turns().get(0).extraJson());
    assertTrue(s.media().isEmpty());
  }

  @Test
  void unwrapsAOneElementList() throws Exception {
    Sample s = parse("[{\"id\": \"w\", \"conversations\": [{\"from\": \"human\", \"value\": \"q\"}]}]");
    assertEquals("\"w\"", s.idJson());
    assertTrue(s.originalRecord().startsWith("[{"), "the failure record quotes the text as read");
  }

  @Test
  void refusesWhatCannotBeModelled() {
    assertEquals(Reason.MALFORMED_JSON, failure("{\"id\": 1 \"x\": 2}").reason());
    assertEquals(Reason.WRONG_TYPE, failure("\"just a string\"").reason());
    assertEquals(Reason.WRONG_TYPE, failure("[{\"a\": 1}, {\"b\": 2}]").reason());
    assertEquals(Reason.WRONG_TYPE, failure("{\"conversations\": {\"from\": \"human\"}}").reason());
    assertEquals(Reason.WRONG_TYPE, failure("{\"image\": 5, \"conversations\": []}").reason());
    assertEquals(Reason.WRONG_TYPE, failure("{\"image\": {\"patch\": \"p\", \"start_num\": 0, \"size\": \"9\"}}").reason());
    assertEquals(Reason.MALFORMED_JSON, failure("{\"a\": 1} trailing").reason());
  }

  /** Plain turns are streamed, any other list read as a tree: both must read as the tree always did. */
  @Test
  void turnsReadTheSameWhetherPlainOrNot() throws Exception {
    Sample plain = parse("{\"conversations\": [{\"value\": \"<image>a\", \"from\": \"human\"}, {\"from\": \"gpt\", \"value\": \"b\"}], \"image\": \"x.jpg\"}");
    assertEquals(List.of("human", "gpt"), plain.turns().stream().map(Turn::speaker).toList());
    assertEquals(List.of("<image>a", "b"), plain.turns().stream().map(Turn::text).toList());
    assertNull(plain.turns().get(0).extraJson());

    Sample mixed = parse("{\"conversations\": [{\"from\": \"human\", \"value\": \"a\"}, {\"from\": \"gpt\", \"value\": \"b\", \"weight\": 0},"
        + " {\"from\": \"human\", \"from\": \"gpt\", \"value\": \"c\"}, {\"role\": \"user\", \"content\": \"d\", \"from\": \"human\", \"value\": \"e\"}]}");
    assertEquals(List.of("human", "gpt", "gpt", "human"), mixed.turns().stream().map(Turn::speaker).toList());
    assertEquals(List.of("a", "b", "c", "e"), mixed.turns().stream().map(Turn::text).toList());
    assertNull(mixed.turns().get(0).extraJson());
    assertEquals("{\"weight\":0}", mixed.turns().get(1).extraJson());
    assertEquals("{\"role\":\"user\",\"content\":\"d\"}", mixed.turns().get(3).extraJson());

    assertTrue(failure("{\"conversations\": [\"x\"]}").getMessage().contains("conversations[0] is not an object"));
    assertTrue(failure("{\"conversations\": [{\"from\": \"human\", \"content\": \"x\"}]}").getMessage()
        .contains("needs 'from' and 'value'"));
    // a malformed list is malformed, even after a turn of the wrong type
    assertEquals(Reason.MALFORMED_JSON, failure("{\"conversations\": [{\"from\": 1, \"value\": \"a\"}, {\"from\": x}]}").reason());
  }

  @Test
  void aNonStringValueIsAWrongTypeAndKeepsTheId() {
    RecordParseException e =
        failure("{\"id\": \"n\", \"conversations\": [{\"from\": \"human\", \"value\": 123}]}");
    assertEquals(Reason.WRONG_TYPE, e.reason());
    assertEquals("\"n\"", e.idJson());
    assertTrue(e.getMessage().contains("conversations[0].value is number"), e.getMessage());
  }
}
