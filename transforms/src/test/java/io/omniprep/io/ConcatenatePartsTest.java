package io.omniprep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConcatenateParts} on part names arriving in any order: one document, parts in name order, the parts gone. */
@ExtendWith(TestPipelineExtension.class)
class ConcatenatePartsTest {

  @Test
  void partsAreJoinedInNameOrderIntoOneArrayAndThenDeleted(TestPipeline p, @TempDir Path dir) throws Exception {
    Path parts = Files.createDirectories(dir.resolve("parts"));
    Map<String, String> contents = new TreeMap<>(); // by name: the order the document must follow
    contents.put("part-000002", "{\"id\": 5}");
    contents.put("part-000000", "{\"id\": 1},\n{\"id\": 2}");
    contents.put("part-000001", ""); // a chunk that wrote no record
    contents.put("part-000003", "{\"id\": 7}");
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, String> part : contents.entrySet()) {
      Files.writeString(parts.resolve(part.getKey()), part.getValue());
      names.add(0, parts.resolve(part.getKey()).toString()); // handed over in reverse
    }
    Path target = dir.resolve("all.json");

    PCollection<String> written = p.apply(Create.of(names)).apply(ConcatenateParts.intoArray(target.toString(), parts.toString()));
    PAssert.thatSingleton(written).isEqualTo(target.toString());
    p.run().waitUntilFinish();

    List<String> nonEmpty = contents.values().stream().filter(c -> !c.isEmpty()).toList();
    assertEquals("[\n" + String.join(",\n", nonEmpty) + "\n]\n", Files.readString(target, StandardCharsets.UTF_8));
    assertFalse(Files.exists(parts), "the parts and their folder are deleted");
  }
}
