package io.omniprep.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.Reason;
import io.omniprep.sample.SampleKeys;
import io.omniprep.table.TableJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextToImageGenerationS3Test {
  private static final String PREFIX = "Generate an image with the caption: ";
  private static final String SUFFIX = " [[micro_conds_texts]]";

  /** Five sentences, 40-odd characters each: over 150 characters, so it may be cut. */
  private static final String LONG =
      "  A red fox sits in the snow at dawn.  Pine trees stand behind it in a row! Is the sky pale"
          + " blue? Soft light falls across the frozen field.   The fox looks calmly at the camera."
          + "  ";

  private static PreprocessFn fn(String kwargsJson) throws Exception {
    return PreprocessFns.create(
        "preproces_text_to_image_generation_s3",
        (ObjectNode) TableJson.MAPPER.readTree(kwargsJson));
  }

  private static ObjectNode row(String json) throws Exception {
    return (ObjectNode) TableJson.MAPPER.readTree(json);
  }

  private static String caption(ObjectNode record) {
    String human = record.get("conversations").get(0).get("value").asText();
    assertTrue(human.startsWith(PREFIX) && human.endsWith(SUFFIX), human);
    return human.substring(PREFIX.length(), human.length() - SUFFIX.length());
  }

  private static ObjectNode apply(PreprocessFn fn, ObjectNode row, long index)
      throws PreprocessException {
    List<ObjectNode> out = fn.apply(row.deepCopy(), new RowContext("laion", index, 0, 0, 42));
    assertEquals(1, out.size());
    return out.get(0);
  }

  @Test
  void recordHasTheReferenceShapeWithAUniqueId() throws Exception {
    ObjectNode record =
        apply(
            fn("{}"),
            row(
                "{\"s3_path\":\"s3://b/x.jpg\",\"caption\":\"a"
                    + " cat\",\"fltLaionAesthScore\":6.5,\"hpsv2\":0.31,\"other\":1}"),
            7);
    assertEquals(
        "{\"id\":\""
            + SampleKeys.of("laion", 7, 0)
            + "\",\"image_gen\":\"s3://b/x.jpg\",\"conversations\":[{\"from\":\"human\",\"value\":\"Generate"
            + " an image with the caption: a cat"
            + " [[micro_conds_texts]]\"},{\"from\":\"gpt\",\"value\":\"Sure"
            + " <image_gen>\"}],\"gen_score\":[6.5],\"hpsv2\":[0.31]}",
        TableJson.toText(record));
    ObjectNode bare = apply(fn("{}"), row("{\"s3_path\":\"p.jpg\",\"caption\":\"a dog\"}"), 8);
    assertFalse(bare.has("gen_score") || bare.has("hpsv2"));
    assertEquals(SampleKeys.of("laion", 8, 0), bare.get("id").asText());
  }

  @Test
  void csvScoresBecomeNumbers() throws Exception {
    ObjectNode record =
        apply(
            fn("{}"),
            row("{\"s3_path\":\"p\",\"caption\":\"c\",\"fltLaionAesthScore\":\"6.25\"}"),
            0);
    assertEquals("[6.25]", TableJson.toText(record.get("gen_score")));
  }

  @Test
  void shortCaptionsAreNeverCutAndLongOnesAreCappedInCodePoints() throws Exception {
    String exactly150 = "Ab. ".repeat(37) + "Ab";
    assertEquals(150, exactly150.length());
    PreprocessFn fn = fn("{}");
    for (long i = 0; i < 500; i++) {
      assertEquals(
          exactly150, caption(apply(fn, row("{\"s3_path\":\"p\"}").put("caption", exactly150), i)));
    }
    String emoji = "\uD83D\uDE00".repeat(900);
    String capped =
        caption(
            apply(
                fn("{\"random_truncate\": false}"),
                row("{\"s3_path\":\"p\",\"caption\":\"" + emoji + "\"}"),
                0));
    assertEquals(800, capped.codePointCount(0, capped.length()));
    String custom =
        caption(
            apply(
                fn("{\"random_truncate\": false, \"max_cap_length\": 10}"),
                row("{\"s3_path\":\"p\",\"caption\":\"0123456789abc\"}"),
                0));
    assertEquals("0123456789", custom);
  }

  @Test
  void aboutOneInFiveLongCaptionsIsCutToLeadingSentencesDeterministically() throws Exception {
    PreprocessFn fn = fn("{}");
    ObjectNode input = row("{\"s3_path\":\"p\"}").put("caption", LONG);
    List<String> stripped =
        List.of(
            "A red fox sits in the snow at dawn.",
            "Pine trees stand behind it in a row!",
            "Is the sky pale blue?",
            "Soft light falls across the frozen field.",
            "The fox looks calmly at the camera.");
    int cut = 0;
    Set<Integer> ks = new HashSet<>();
    List<String> first = new ArrayList<>();
    for (long i = 0; i < 2000; i++) {
      String c = caption(apply(fn, input, i));
      first.add(c);
      if (!c.equals(LONG)) {
        cut++;
        int k = c.isEmpty() ? 0 : c.split("(?<=[.!?]) ").length;
        ks.add(k);
        assertEquals(String.join(" ", stripped.subList(0, k)), c);
      }
    }
    assertTrue(cut > 330 && cut < 470, "about 20% of 2000 cut, was " + cut);
    assertEquals(Set.of(1, 2, 3, 4, 5), ks, "k is uniform in [1, 5]");
    for (long i = 0; i < 2000; i++) {
      assertEquals(first.get((int) i), caption(apply(fn, input, i)), "reruns agree");
    }
    String seed7 = caption(fn.apply(input.deepCopy(), new RowContext("laion", 3, 0, 0, 7)).get(0));
    assertEquals(
        seed7, caption(fn.apply(input.deepCopy(), new RowContext("laion", 3, 0, 0, 7)).get(0)));
  }

  @Test
  void truncationKeywords() throws Exception {
    ObjectNode input = row("{\"s3_path\":\"p\"}").put("caption", LONG).put("alt", LONG);
    assertEquals(0, cuts(fn("{\"random_truncate\": false}"), input));
    assertEquals(0, cuts(fn("{\"no_drop_keys\": [\"caption\"]}"), input));
    assertTrue(
        cuts(fn("{\"random_truncate\": false, \"no_drop_keys\": [\"alt\"]}"), input) > 0,
        "no_drop_keys overrides random_truncate");
    assertTrue(cuts(fn("{\"caption_key\": \"alt\"}"), input) > 0);
  }

  @Test
  void randomCaptionKeysPicksAColumnPerRow() throws Exception {
    PreprocessFn fn = fn("{\"random_caption_keys\": [\"a\", \"b\"]}");
    Set<String> seen = new HashSet<>();
    for (long i = 0; i < 50; i++) {
      seen.add(caption(apply(fn, row("{\"s3_path\":\"p\",\"a\":\"from a\",\"b\":\"from b\"}"), i)));
    }
    assertEquals(Set.of("from a", "from b"), seen);
  }

  @Test
  void rowsWithoutTheColumnsAreBadRows() throws Exception {
    PreprocessException noCaption =
        assertThrows(
            PreprocessException.class,
            () -> apply(fn("{}"), row("{\"s3_path\":\"p\",\"text\":\"t\"}"), 0));
    assertEquals(Reason.BAD_ROW, noCaption.reason());
    assertEquals("caption column 'caption' not found", noCaption.getMessage());
    assertEquals(
        Reason.BAD_ROW,
        assertThrows(
                PreprocessException.class, () -> apply(fn("{}"), row("{\"caption\":\"c\"}"), 0))
            .reason());
    assertEquals(
        Reason.BAD_ROW,
        assertThrows(
                PreprocessException.class,
                () -> apply(fn("{}"), row("{\"s3_path\":\"p\",\"caption\":null}"), 0))
            .reason());
  }

  @Test
  void badKeywordArgumentsAreRefusedByName() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> fn("{\"caption_keys\": \"x\"}"))
            .getMessage()
            .contains("no keyword argument 'caption_keys'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> fn("{\"random_truncate\": \"yes\"}"))
            .getMessage()
            .contains("'random_truncate' must be true or false"));
  }

  @Test
  void bothSpellingsAreRegistered() throws Exception {
    ObjectNode input = row("{\"s3_path\":\"p\",\"caption\":\"c\"}");
    assertEquals(
        TableJson.toText(apply(fn("{}"), input, 0)),
        TableJson.toText(
            apply(PreprocessFns.create("preprocess_text_to_image_generation_s3", null), input, 0)));
  }

  private static int cuts(PreprocessFn fn, ObjectNode input) throws Exception {
    int n = 0;
    for (long i = 0; i < 300; i++) {
      if (!caption(apply(fn, input, i)).equals(LONG)) {
        n++;
      }
    }
    return n;
  }
}
