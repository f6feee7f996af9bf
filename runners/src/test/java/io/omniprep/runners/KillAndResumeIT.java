package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.runners.testing.Outputs;
import io.omniprep.testing.Fixtures;
import io.omniprep.testing.ShardReadBack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's resume promise with a real kill: the bundled jar's {@code webdataset} job is killed
 * (SIGKILL, no chance to clean up) once some shards are complete; the same command run again
 * gives output byte-identical to one clean run, and only complete shards are ever visible.
 */
class KillAndResumeIT {
  private static final int RECORDS = 1500;
  private static final int PER_SHARD = 50;

  /**
   * A JSON of {@link #RECORDS} records cycling over the testdata PNGs (absolute paths): each must
   * be converted to JPEG, so writing shards takes long enough to be interrupted on any machine.
   */
  private static Path input(Path dir) throws Exception {
    JsonArrayBuilder json = new JsonArrayBuilder();
    List<Path> images = new ArrayList<>();
    try (var files = Files.walk(Fixtures.testdata("llava-pretrain"))) {
      files.filter(f -> f.toString().endsWith(".png")).sorted().forEach(images::add);
    }
    for (int i = 0; i < RECORDS; i++) {
      json.add("{\"id\": \"r" + i + "\", \"image\": \"" + images.get(i % images.size())
          + "\", \"conversations\": [{\"from\": \"human\", \"value\": \"<image>\\nDescribe " + i
          + ".\"}, {\"from\": \"gpt\", \"value\": \"Shapes number " + i + ".\"}]}");
    }
    return Fixtures.write(dir.resolve("records.json"), json.build());
  }

  private static Process start(Path input, Path out) throws Exception {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("omniprep.jar"),
        "webdataset", "--input=" + input, "--output=" + out, "--maxSamplesPerShard=" + PER_SHARD,
        "--runner=FlinkRunner"); // a small input would run on the DirectRunner: kill what long jobs run on
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
  }

  private static long completeShards(Path out) throws Exception {
    if (!Files.isDirectory(out)) {
      return 0;
    }
    try (var files = Files.list(out)) {
      return files.filter(f -> f.toString().endsWith(".tar.idx")).count();
    }
  }

  @Test
  void aKilledRunRerunGivesTheSameShardsAsACleanRun(@TempDir Path dir) throws Exception {
    Path input = input(dir);
    Path clean = dir.resolve("clean");
    Process cleanRun = start(input, clean);
    assertTrue(cleanRun.waitFor(10, TimeUnit.MINUTES));
    assertEquals(0, cleanRun.exitValue(), Files.readString(dir.resolve("clean.log")));

    Path resumed = dir.resolve("resumed");
    Process killed = start(input, resumed);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (completeShards(resumed) < 2 && killed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    boolean killedMidway = killed.isAlive();
    killed.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    long before = completeShards(resumed);
    assertTrue(killedMidway, "the job was still running when killed (" + before + " shards complete)");
    assertTrue(before < RECORDS / PER_SHARD, "killed before the end: " + before + " shards complete");

    // Whatever a kill leaves behind, every visible shard with its index is whole.
    try (var files = Files.list(resumed)) {
      for (Path idx : files.filter(f -> f.toString().endsWith(".tar.idx")).toList()) {
        String shard = idx.getFileName().toString().replace(".idx", "");
        assertTrue(ShardReadBack.readShard(resumed, shard).size() > 0);
      }
    }

    // A writer killed mid-write leaves a hidden temporary file; plant one for certain (the kill above
    // may have hit between writes), beside a hidden file of the user's that must stay.
    Files.writeString(resumed.resolve(".shard-000001.tar." + UUID.randomUUID() + ".tmp"), "half a shard");
    Files.writeString(resumed.resolve(".notes.tmp"), "the user's");

    Process rerun = start(input, resumed);
    assertTrue(rerun.waitFor(10, TimeUnit.MINUTES));
    String log = Files.readString(dir.resolve("resumed.log"), StandardCharsets.UTF_8);
    assertEquals(0, rerun.exitValue(), log);

    Map<String, String> expected = ShardReadBack.digests(clean);
    Map<String, String> actual = ShardReadBack.digests(resumed);
    assertEquals(List.of(), Outputs.temporaries(resumed), "temporary files of the killed run left behind");
    assertEquals("the user's", Files.readString(resumed.resolve(".notes.tmp")), "a hidden file of the user's is kept");
    actual.remove(".notes.tmp");
    assertEquals(expected.keySet(), actual.keySet());
    for (String file : expected.keySet()) {
      if (!file.equals("_SUMMARY.json")) {
        assertEquals(expected.get(file), actual.get(file), file);
      }
    }
    assertEquals(RECORDS, ShardReadBack.readAll(resumed).size());
  }

  /**
   * Ctrl-C: SIGINT mid-job ends the JVM (status 130) through its shutdown hooks, and the CLI's says
   * in one line what the output is and what the same command run again does; the Energon metadata
   * that would make the output look complete is not there.
   */
  @Test
  void anInterruptedRunSaysWhatARerunDoes(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("interrupted");
    Process run = start(input(dir), out);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (completeShards(out) < 1 && run.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(run.isAlive(), "the job was still running when interrupted");
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
    assertTrue(run.waitFor(2, TimeUnit.MINUTES), "an interrupt ends the job");
    String log = Files.readString(dir.resolve("interrupted.log"), StandardCharsets.UTF_8);
    assertEquals(130, run.exitValue(), log);
    List<String> notice = log.lines().filter(l -> l.startsWith("omniprep webdataset: interrupted")).toList();
    assertEquals(1, notice.size(), log);
    assertTrue(notice.get(0).contains("the output is incomplete: .nv-meta/split.yaml")
        && notice.get(0).contains("the shards (shard-*.tar) are partial")
        && notice.get(0).endsWith("running the same command again resumes: complete shards (shard-*.tar) are kept, the rest redone (--overwrite redoes all)"),
        notice.get(0));
    assertTrue(!log.contains("the job failed"), "the interrupt is not reported as a failure too: " + log);
    assertTrue(!Files.exists(out.resolve(".nv-meta/split.yaml")));
  }

  /** Builds a JSON array text one record at a time. */
  private static final class JsonArrayBuilder {
    private final StringBuilder text = new StringBuilder("[\n");
    private boolean first = true;

    void add(String record) {
      text.append(first ? "" : ",\n").append(record);
      first = false;
    }

    String build() {
      return text.append("\n]\n").toString();
    }
  }
}
