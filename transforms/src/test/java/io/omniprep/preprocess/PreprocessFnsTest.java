package io.omniprep.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.sample.SampleKeys;
import io.omniprep.table.TableJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessFnsTest {
  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) TableJson.MAPPER.readTree(text);
  }

  private static RowContext context() {
    return new RowContext("cc3m", 5, 0, 0, 42);
  }

  @Test
  void imageCaptionMakesACaptioningRecord() throws Exception {
    PreprocessFn fn =
        PreprocessFns.create(
            "image_caption", json("{\"caption_key\": \"text\", \"image_key\": \"url\"}"));
    List<ObjectNode> out =
        fn.apply(json("{\"url\": \"img/1.jpg\", \"text\": \"a boat\"}"), context());
    assertEquals(
        "{\"id\":\""
            + SampleKeys.of("cc3m", 5, 0)
            + "\",\"image\":\"img/1.jpg\",\"conversations\":["
            + "{\"from\":\"human\",\"value\":\"<image>\\nDescribe the image concisely.\"},"
            + "{\"from\":\"gpt\",\"value\":\"a boat\"}]}",
        TableJson.toText(out.get(0)));
  }

  @Test
  void imageCaptionDrawsAnInstructionPerRow() throws Exception {
    PreprocessFn fn =
        PreprocessFns.create("image_caption", json("{\"instructions\": [\"One.\", \"Two.\"]}"));
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (long i = 0; i < 40; i++) {
      seen.add(
          fn.apply(
                  json("{\"image\": \"a.jpg\", \"caption\": \"c\"}"),
                  new RowContext("d", i, 0, 0, 42))
              .get(0)
              .get("conversations")
              .get(0)
              .get("value")
              .asText());
    }
    assertEquals(java.util.Set.of("<image>\nOne.", "<image>\nTwo."), seen);
    assertThrows(
        PreprocessException.class,
        () -> fn.apply(json("{\"image\": 3, \"caption\": \"c\"}"), context()));
  }

  @Test
  void identityPassesRecordsThrough() throws Exception {
    ObjectNode record = json("{\"id\": \"x\", \"image\": \"a.jpg\", \"conversations\": []}");
    assertEquals(List.of(record), PreprocessFns.create("identity", null).apply(record, context()));
    assertThrows(
        IllegalArgumentException.class, () -> PreprocessFns.create("identity", json("{\"x\": 1}")));
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    UnknownPreprocessFnException e =
        assertThrows(
            UnknownPreprocessFnException.class,
            () -> PreprocessFns.create("preproces_und_mammoth_si_10M", null));
    assertTrue(e.getMessage().contains("preproces_text_to_image_generation_s3"), e.getMessage());
    assertThrows(
        UnknownPreprocessFnException.class,
        () -> PreprocessFns.create("com.example.Missing", null));
  }

  @Test
  void classNamesAndServiceLoaderFactoriesAreFound() throws Exception {
    PreprocessFn byClass =
        PreprocessFns.create(UpperCaseCaption.class.getName(), json("{\"column\": \"t\"}"));
    assertEquals("HI", byClass.apply(json("{\"t\": \"hi\"}"), context()).get(0).get("t").asText());
    PreprocessFn byFactoryClass =
        PreprocessFns.create(UpperCaseCaption.Factory.class.getName(), null);
    assertEquals(
        "HI",
        byFactoryClass
            .apply(json("{\"caption\": \"hi\"}"), context())
            .get(0)
            .get("caption")
            .asText());
    // Registered in src/test/resources/META-INF/services.
    assertTrue(PreprocessFns.names().contains("upper_case_caption"));
    assertEquals(
        "YO",
        PreprocessFns.create("upper_case_caption", null)
            .apply(json("{\"caption\": \"yo\"}"), context())
            .get(0)
            .get("caption")
            .asText());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> PreprocessFns.create(UpperCaseCaption.class.getName(), json("{\"col\": 1}")))
            .getMessage()
            .contains("'col'"));
  }

  /**
   * A user function: upper-cases one column; registered through the service file and by class name.
   */
  public static final class UpperCaseCaption implements PreprocessFn {
    private final String column;

    public UpperCaseCaption(ObjectNode kwargs) {
      Kwargs k = new Kwargs(UpperCaseCaption.class.getName(), kwargs);
      this.column = k.string("column", "caption");
      k.checkAllUsed();
    }

    @Override
    public List<ObjectNode> apply(ObjectNode row, RowContext context) {
      row.put(column, row.get(column).asText().toUpperCase(java.util.Locale.ROOT));
      return List.of(row);
    }

    /** Service-loader entry point. */
    public static final class Factory implements PreprocessFnFactory {
      @Override
      public List<String> names() {
        return List.of("upper_case_caption");
      }

      @Override
      public PreprocessFn create(Kwargs kwargs) {
        String column = kwargs.string("column", "caption");
        kwargs.checkAllUsed();
        return new UpperCaseCaption(TableJson.newObject().put("column", column));
      }
    }
  }
}
