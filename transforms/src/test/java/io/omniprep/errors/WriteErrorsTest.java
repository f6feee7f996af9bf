package io.omniprep.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link WriteErrors} on failures in any order: one JSON line each, by source and position. */
@ExtendWith(TestPipelineExtension.class)
class WriteErrorsTest {

  @Test
  void everyFailureIsOneLineInSourceAndPositionOrder(TestPipeline p, @TempDir Path dir) throws Exception {
    List<FailedRecord> failures = List.of(
        FailedRecord.of("/in/b.json", 3, "\"b3\"", "validate", Reason.MEDIA_MISSING, "no file x.jpg", "{\"id\": \"b3\"}"),
        FailedRecord.of("/in/a.json", 9, null, "parse", Reason.MALFORMED_JSON, "unexpected end", "{\"id\": "),
        FailedRecord.of("/in/b.json", 0, "7", "validate", Reason.UNKNOWN_SPEAKER, "turn 0 has speaker 'bot'", "{\"id\": 7}"),
        FailedRecord.of("/in/a.json", 2, "\"a2\"", "validate", Reason.PATH_TRAVERSAL, "leaves its root", "{\"id\": \"a2\"}"));

    PCollection<String> files = p.apply(Create.of(failures)).apply(WriteErrors.to(dir.toString() + "/"));
    PAssert.that(files).containsInAnyOrder(dir.resolve("_errors/errors-000000.jsonl").toString());
    p.run().waitUntilFinish();

    List<FailedRecord> expected = new ArrayList<>(failures);
    expected.sort(Comparator.comparing(FailedRecord::source).thenComparingLong(FailedRecord::position));
    List<String> lines = Files.readAllLines(dir.resolve("_errors/errors-000000.jsonl"));
    assertEquals(expected.size(), lines.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = new ObjectMapper().readTree(lines.get(i));
      FailedRecord f = expected.get(i);
      assertEquals(f.source(), line.get("source").asText());
      assertEquals(f.position(), line.get("position").asLong());
      assertEquals(f.reason().code(), line.get("reason").asText());
      assertEquals(f.idJson() == null ? "null" : f.idJson(), line.get("id").toString(), "the id as it was in the record");
      assertEquals(f.stage(), line.get("stage").asText());
      assertEquals(f.record(), line.get("record").asText(), "the original text, verbatim");
    }
  }
}
