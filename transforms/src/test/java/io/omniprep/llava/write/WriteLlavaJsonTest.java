package io.omniprep.llava.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.llava.RecordParseException;
import io.omniprep.llava.RecordParser;
import io.omniprep.llava.RecordStyle;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.Sample;
import io.omniprep.validate.SampleValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class WriteLlavaJsonTest {

  private static Sample record(long position) throws RecordParseException {
    byte[] json = ("{\"id\": \"r" + position + "\", \"conversations\": [{\"from\": \"human\", \"value\": \"q\"},"
        + " {\"from\": \"gpt\", \"value\": \"a\"}]}").getBytes(StandardCharsets.UTF_8);
    return RecordParser.parse("/data/set.json", position, 0, json, 0, json.length);
  }

  @Test
  void settingsDoNotDependOnTheOrderTheyAreGiven() {
    WriteLlavaJson a = WriteLlavaJson.to("/out/").withName("train").withStyle(RecordStyle.SHAREGPT).withMaxRecordsPerFile(3);
    WriteLlavaJson b = WriteLlavaJson.to("/out").withMaxRecordsPerFile(3).withStyle(RecordStyle.SHAREGPT).withName("train");
    assertEquals(a, b);
    assertNotEquals(a, b.withStyle(RecordStyle.LLAVA));
  }

  @Test
  void theChunkLocalPlanWritesOneFileOnly() {
    SampleValidator validator = SampleValidator.withResolver(MediaResolver.create());
    WriteLlavaJson numbered = WriteLlavaJson.to("/out").withMaxRecordsPerFile(3);
    assertThrows(IllegalArgumentException.class, () -> numbered.fromInputChunks(validator, null, 1 << 20));
  }

  @Test
  void numberedFilesHoldTheRecordsInRecordOrder(TestPipeline p, @TempDir Path dir) throws Exception {
    int[] positions = {4, 0, 3, 1, 2};
    List<Sample> samples = new ArrayList<>();
    for (int position : positions) {
      samples.add(record(position));
    }
    PCollection<String> files =
        p.apply(Create.of(samples)).apply(WriteLlavaJson.to(dir.toString()).withName("set").withMaxRecordsPerFile(2));
    // 5 records, at most 2 a file: 3 files.
    PAssert.that(files).containsInAnyOrder(
        dir.resolve("set-000000.json").toString(), dir.resolve("set-000001.json").toString(), dir.resolve("set-000002.json").toString());
    p.run().waitUntilFinish();

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode array = new ObjectMapper().readTree(dir.resolve(String.format("set-%06d.json", i)).toFile());
      assertEquals(i < 2 ? 2 : 1, array.size());
      array.forEach(record -> ids.add(record.get("id").asText()));
    }
    assertEquals(List.of("r0", "r1", "r2", "r3", "r4"), ids);
    assertEquals(List.of("set-000000.json", "set-000001.json", "set-000002.json"),
        Files.list(dir).map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList());
  }
}
