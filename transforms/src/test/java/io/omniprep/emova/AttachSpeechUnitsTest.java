package io.omniprep.emova;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.errors.FailedRecord;
import io.omniprep.table.TableJson;
import io.omniprep.table.TableRow;
import io.omniprep.table.TableRowCoder;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class AttachSpeechUnitsTest {
  @TempDir Path dir;

  @Test
  void unitsAreJoinedByIdAndMisfitsReported(TestPipeline p) throws Exception {
    Path sidecar = dir.resolve("units.jsonl");
    Files.writeString(
        sidecar,
        "{\"id\": 1, \"units\": \"<|speech_4|><|speech_4|>\"}\n"
            + "{\"id\": \"b\", \"units\": [1, 2]}\n"
            + "{\"id\": \"c\", \"units\": [1]}\n"
            + "{\"id\": \"c\", \"units\": [2]}\n");
    PCollection<TableRow> rows =
        p.apply(
            Create.of(
                    row(0, "{\"id\":\"1\",\"q\":\"x\"}"),
                    row(1, "{\"id\":\"b\"}"),
                    row(2, "{\"id\":\"c\"}"),
                    row(3, "{\"id\":\"zz\"}"),
                    row(4, "{\"q\":\"no id\"}"))
                .withCoder(TableRowCoder.of()));
    WithFailures.Result<PCollection<TableRow>, FailedRecord> joined =
        rows.apply(AttachSpeechUnits.from(sidecar.toString()));
    PAssert.that(joined.output())
        .satisfies(
            out -> {
              List<String> texts =
                  StreamSupport.stream(out.spliterator(), false)
                      .map(TableRow::text)
                      .sorted()
                      .collect(Collectors.toList());
              assertEquals(
                  List.of(
                      "{\"id\":\"1\",\"q\":\"x\",\"speech_units\":\"<|speech_4|><|speech_4|>\"}",
                      "{\"id\":\"b\",\"speech_units\":[1,2]}"),
                  texts);
              return null;
            });
    PAssert.that(joined.failures())
        .satisfies(
            failures -> {
              List<String> messages =
                  StreamSupport.stream(failures.spliterator(), false)
                      .map(f -> f.position() + " " + f.message())
                      .sorted()
                      .collect(Collectors.toList());
              assertEquals(
                  List.of(
                      "2 2 different speech units for id c",
                      "3 no speech units for id zz",
                      "4 no 'id' to look its speech units up by"),
                  messages);
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static TableRow row(long position, String json) throws Exception {
    return TableRow.inFile(
        "rows.json",
        position,
        position,
        (com.fasterxml.jackson.databind.node.ObjectNode) TableJson.MAPPER.readTree(json));
  }
}
