package io.omniprep.pipelines;

import static io.omniprep.pipelines.PipelineRuns.arg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample keys, and so shard bytes, do not depend on where the inputs lie. */
class MovedInputKeysTest {
  private static final Path SAMPLE = Fixtures.testdata("llava-pretrain");

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /** SHA-256 of each {@code .tar} under {@code root}. */
  private static Map<String, String> tarDigests(Path root) {
    Map<String, String> out = new TreeMap<>();
    ShardReadBack.digests(root).forEach((file, digest) -> {
      if (file.endsWith(".tar")) {
        out.put(file, digest);
      }
    });
    return out;
  }

  private static String hash8(String s) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 4);
  }

  @Test
  void theSameInputInTwoFoldersGivesTheSameShards(@TempDir Path tmp) throws Exception {
    Path one = tmp.resolve("one");
    Path two = tmp.resolve("somewhere/else/entirely");
    copyTree(SAMPLE, one);
    copyTree(SAMPLE, two);
    String json = "blip_laion_cc_sbu_sample.json";
    PipelineRuns.run("webdataset", arg("input", one.resolve(json)), arg("output", tmp.resolve("out1")));
    PipelineRuns.run("webdataset", arg("input", two.resolve(json)), arg("output", tmp.resolve("out2")));
    Map<String, String> first = tarDigests(tmp.resolve("out1"));
    assertFalse(first.isEmpty());
    assertEquals(first, tarDigests(tmp.resolve("out2")));

    // the key rule, computed here: <stem>-<sha256(file name)[:8]>-<position, 9 digits>
    Set<String> keys = new HashSet<>();
    ShardReadBack.readAll(tmp.resolve("out1")).forEach(s -> keys.add(s.key()));
    assertTrue(keys.contains("blip_laion_cc_sbu_sample-" + hash8(json) + "-000000000"), keys.toString());
  }

  @Test
  void twoInputsWithOneNameInTwoFoldersGetDistinctKeys(@TempDir Path tmp) throws Exception {
    String json = "blip_laion_cc_sbu_sample.json";
    copyTree(SAMPLE, tmp.resolve("data/a"));
    copyTree(SAMPLE, tmp.resolve("data/b"));
    RunSummary summary = PipelineRuns.run("webdataset",
        "--input=" + tmp.resolve("data/a/" + json) + "," + tmp.resolve("data/b/" + json), arg("output", tmp.resolve("out")));
    List<ShardReadBack.ReadSample> samples = ShardReadBack.readAll(tmp.resolve("out"));
    Set<String> keys = new HashSet<>();
    samples.forEach(s -> keys.add(s.key()));
    assertEquals(summary.written(), samples.size());
    assertEquals(samples.size(), keys.size(), "every key distinct");
    // keyed by the path under the common root data/: a/NAME and b/NAME
    String a = "blip_laion_cc_sbu_sample-" + hash8("a/" + json) + "-000000000";
    String b = "blip_laion_cc_sbu_sample-" + hash8("b/" + json) + "-000000000";
    assertNotEquals(a, b);
    assertTrue(keys.contains(a) && keys.contains(b), keys.toString());
  }
}
