package io.omniprep.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.llava.RecordStyle;
import io.omniprep.preprocess.PreprocessFn;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleKeys;
import io.omniprep.table.TableJson;
import io.omniprep.table.TableRow;
import io.omniprep.table.TableRowCoder;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class MakeSamplesTest {
  /**
   * Two records per row, each with the row's image list; "boom" rows throw, "bad" rows make a
   * broken record.
   */
  private static final PreprocessFn TWO_EACH =
      (row, context) -> {
        String text = row.get("t").asText();
        if (text.equals("boom")) {
          throw new IllegalStateException("boom");
        }
        ObjectNode a = TableJson.newObject().put("id", context.recordId(0));
        a.set("image", row.get("images"));
        a.putArray("conversations")
            .addObject()
            .put("from", "human")
            .put("value", text + " copy " + context.copy());
        ObjectNode b = a.deepCopy().put("id", context.recordId(1));
        if (text.equals("bad")) {
          b.put("conversations", "not a list");
        }
        return List.of(a, b);
      };

  private static TableRow row(long index, String json, int copies) throws Exception {
    return new TableRow(
        "d.jsonl", index, index, index, copies, (ObjectNode) TableJson.MAPPER.readTree(json));
  }

  @Test
  void copiesAndRecordsGetConsecutiveOrdinalsAndImagesTheirRoot(TestPipeline p) throws Exception {
    PCollection<TableRow> rows =
        p.apply(
            Create.of(
                    row(0, "{\"t\":\"x\",\"images\":[\"a.jpg\",\"s3://b/c.jpg\"]}", 2),
                    row(1, "{\"t\":\"boom\"}", 1),
                    row(2, "{\"t\":\"bad\",\"images\":[]}", 1))
                .withCoder(TableRowCoder.of()));
    WithFailures.Result<PCollection<Sample>, FailedRecord> made =
        rows.apply(MakeSamples.of("mix", TWO_EACH).withImageRoot("/root/"));
    PAssert.that(made.output())
        .satisfies(
            samples -> {
              List<String> got =
                  StreamSupport.stream(samples.spliterator(), false)
                      .map(s -> s.key() + " " + LlavaRecords.toJson(s, RecordStyle.LLAVA))
                      .sorted()
                      .collect(Collectors.toList());
              assertEquals(
                  List.of(
                      record(0, 0, "x copy 0"),
                      record(0, 1, "x copy 0"),
                      record(0, 2, "x copy 1"),
                      record(0, 3, "x copy 1"),
                      SampleKeys.of("mix", 2, 0)
                          + " {\"id\":\""
                          + SampleKeys.of("mix", 2, 0)
                          + "\",\"conversations\":[{\"from\":\"human\",\"value\":\"bad copy"
                          + " 0\"}]}"),
                  got);
              return null;
            });
    PAssert.that(made.failures())
        .satisfies(
            failures -> {
              List<String> got =
                  StreamSupport.stream(failures.spliterator(), false)
                      .map(f -> f.position() + " " + f.reason().code() + " " + f.message())
                      .sorted()
                      .collect(Collectors.toList());
              assertEquals(
                  List.of(
                      "1 preprocess_failed java.lang.IllegalStateException: boom",
                      "2 wrong_type the record made of this row is not a valid LLaVA record:"
                          + " 'conversations' is not a list"),
                  got);
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static String record(long position, int ordinal, String text) {
    String key = SampleKeys.of("mix", position, ordinal);
    return key
        + " {\"id\":\""
        + key
        + "\",\"image\":[\"/root/a.jpg\",\"s3://b/c.jpg\"],"
        + "\"conversations\":[{\"from\":\"human\",\"value\":\""
        + text
        + "\"}]}";
  }
}
