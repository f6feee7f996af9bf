package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.omniprep.runners.testing.CliRuns;
import io.omniprep.runners.testing.CliRuns.Result;
import io.omniprep.testing.ShardReadBack;
import io.omniprep.testing.ShuffleInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --shuffle} on embedded Flink (parallelism 2) and the DirectRunner: the same output, file
 * for file, with the default splits dealt per sample; and not the output without the shuffle.
 */
class ShuffleRunnersTest {
  @Test
  void bothRunnersWriteTheSameShuffledShards(@TempDir Path tmp) throws Exception {
    String input = ShuffleInput.write(tmp.resolve("in"));
    List<String> args = List.of("webdataset", "--input=" + input, "--maxSamplesPerShard=20", "--shuffle=2026");

    Result onFlink = CliRuns.inProcess("flink", with(args, "--output=" + tmp.resolve("flink"), "--runner=FlinkRunner")).requireSuccess();
    CliRuns.inProcess("direct", with(args, "--output=" + tmp.resolve("direct"), "--runner=DirectRunner")).requireSuccess();
    CliRuns.inProcess("plain", List.of("webdataset", "--input=" + input, "--maxSamplesPerShard=20", "--output=" + tmp.resolve("plain"),
        "--runner=DirectRunner")).requireSuccess();

    assertEquals(ShardReadBack.digests(tmp.resolve("direct")), ShardReadBack.digests(tmp.resolve("flink")), onFlink::describe);
    assertNotEquals(keys(tmp.resolve("plain")), keys(tmp.resolve("direct")));
  }

  private static List<String> keys(Path out) {
    List<String> keys = new ArrayList<>();
    ShardReadBack.readAll(out).forEach(s -> keys.add(s.key()));
    return keys;
  }

  private static List<String> with(List<String> args, String... more) {
    return Stream.concat(args.stream(), Stream.of(more)).toList();
  }
}
