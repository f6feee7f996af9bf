package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.runners.testing.CliRuns;
import io.omniprep.runners.testing.CliRuns.Result;
import io.omniprep.testing.NearCopies;
import io.omniprep.testing.ShardReadBack;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dedup=phash} on embedded Flink and the DirectRunner over generated near-copies
 * ({@link NearCopies}): the same drops and the same output, file for file.
 */
class PhashDedupRunnersTest {
  @Test
  void bothRunnersDropTheSameNearCopies(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("in");
    NearCopies fixture = NearCopies.write(input);
    List<String> args = List.of("webdataset", "--input=" + input + "/*.json", "--dedup=phash", "--maxSamplesPerShard=3");

    Result onFlink = CliRuns.inProcess("flink", with(args, "--output=" + tmp.resolve("flink"), "--runner=FlinkRunner")).requireSuccess();
    CliRuns.inProcess("direct", with(args, "--output=" + tmp.resolve("direct"), "--runner=DirectRunner")).requireSuccess();

    JsonNode summary = ShardReadBack.json(tmp.resolve("direct/_SUMMARY.json"));
    assertEquals(fixture.expectedDrops().size(), summary.get("dropped").asLong(), summary::toString);
    assertEquals(fixture.expectedDrops().size(), summary.get("counters").get("dropped_near_duplicate").asLong(), summary::toString);
    assertEquals(fixture.records().size() - fixture.expectedDrops().size(), summary.get("written").asLong(), summary::toString);
    assertEquals(ShardReadBack.digests(tmp.resolve("direct")), ShardReadBack.digests(tmp.resolve("flink")), onFlink::describe);
  }

  private static List<String> with(List<String> args, String... more) {
    return Stream.concat(args.stream(), Stream.of(more)).toList();
  }
}
