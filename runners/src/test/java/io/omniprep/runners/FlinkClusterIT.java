package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.runners.testing.Await;
import io.omniprep.runners.testing.ChildProcesses;
import io.omniprep.runners.testing.CliRuns;
import io.omniprep.runners.testing.CliRuns.Result;
import io.omniprep.runners.testing.FlinkCluster;
import io.omniprep.runners.testing.ItWork;
import io.omniprep.runners.testing.Outputs;
import io.omniprep.runners.testing.PipelineCase;
import io.omniprep.lengths.TestTokenizer;
import io.omniprep.testing.ShardReadBack;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A real standalone Flink 1.19 cluster on 127.0.0.1 (a JobManager and two TaskManagers, separate
 * JVMs, with omniprep-cluster.jar on their class path, see {@link FlinkCluster}); jobs are
 * submitted from the bundled jar as users submit them ({@code --runner=FlinkRunner
 * --flinkMaster=127.0.0.1:PORT --jarOnCluster}, or staging the whole jar without that flag) and must
 * write exactly what the DirectRunner writes, also when a TaskManager is killed in the middle of a
 * job. Every process is stopped afterwards, also when a test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {
  static final List<PipelineCase> CASES = PipelineCase.onClusterOnly();

  @RegisterExtension static final ItWork WORK = new ItWork();
  private Path work;
  private final ChildProcesses processes = new ChildProcesses();
  private FlinkCluster cluster;
  private CliRuns cli;

  @BeforeAll
  void startCluster() throws Exception {
    work = ItWork.fresh(FlinkClusterIT.class);
    cli = new CliRuns(processes, work);
    cluster = FlinkCluster.start(processes, work.resolve("cluster"), 2, 2);
  }

  @AfterAll
  void stopCluster() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      processes.close();
    }
    assertEquals(List.of(), processes.survivors(), "processes left running");
  }

  /**
   * A client of another build submits with {@code --jarOnCluster} (the hidden {@code --clientBuild}
   * stands in for that build; the cluster keeps this build's omniprep-cluster.jar): the job fails at
   * once, not restarted by the cluster's restart strategy, and the CLI prints both builds and what to
   * do. No shard and no summary is written. Both jars of this build carry the same id.
   */
  @Order(0)
  @Test
  void aClientOfAnotherBuildFailsAtOnceWritingNothing() throws Exception {
    String build = buildId(cli.jar());
    assertEquals(build, buildId(Path.of(System.getProperty("omniprep.cluster.jar"))), "one id in both jars of a build");
    String other = build.substring(0, build.indexOf('+') + 1) + "0".repeat(64);
    Path output = work.resolve("other-build");
    cluster.awaitReady();
    Result run = cli.run("other-build", Map.of(), PipelineCase.named("webdataset").args(output, "--jobName=omniprep-it-other-build",
        "--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--jarOnCluster", "--clientBuild=" + other));

    assertEquals(1, run.exitCode(), run::describe);
    assertTrue(run.stderr().contains("(cluster " + build + ", client " + other + ")")
        && run.stderr().contains("into lib/ of the JobManager and every TaskManager and restart them"), run::describe);
    assertEquals(1, cluster.failures(cluster.jobId("omniprep-it-other-build")).size(), () -> "failed once, not restarted\n" + run.describe());
    try (Stream<Path> files = Files.exists(output) ? Files.walk(output) : Stream.empty()) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "nothing written");
    }
  }

  /** The build id in a jar, as mvn package wrote it. */
  private static String buildId(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return new String(file.getInputStream(file.getEntry("io/omniprep/cli/build-id")).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Order(1)
  @ParameterizedTest
  @FieldSource("CASES")
  void theClusterWritesWhatTheDirectRunnerWrites(PipelineCase pipeline) throws Exception {
    Path direct = work.resolve(pipeline + "-direct");
    Path onCluster = work.resolve(pipeline + "-cluster");

    CliRuns.inProcess("direct", pipeline.args(direct, "--runner=DirectRunner")).requireSuccess();
    cluster.awaitReady();
    Result run = submit(pipeline + "-cluster", pipeline.args(onCluster, "--jobName=omniprep-it-" + pipeline));

    assertTrue(ShardReadBack.json(direct.resolve("_SUMMARY.json")).get("written").asLong() > 0, "the case writes something");
    assertEquals(ShardReadBack.digests(direct), ShardReadBack.digests(onCluster), () -> run.describe() + cluster.logs());
  }

  /**
   * {@code webdataset} jobs with {@code --tokenizer} in a row on the same TaskManagers, on every slot
   * so that each job tokenizes in both TaskManager JVMs. The first two stage the whole jar (no {@code
   * --jarOnCluster}), whose classes come from the job's own class loader (Flink loads a job's jar
   * first), and a native library loads in only one class loader a JVM: the second job must still load
   * the tokenizer. The last two load omniprep from the cluster's class path, where the library loads
   * once a JVM, beside the copies the first jobs loaded. Each writes what the DirectRunner writes
   * (lengths.jsonl included).
   */
  @Order(2)
  @Test
  void jobsInARowWithATokenizerRunOnTheSameTaskManagers() throws Exception {
    Path input = writeFaultInput(work.resolve("tokenizer-input"), 400, 40);
    List<String> args = List.of("webdataset", "--input=" + input, "--maxSamplesPerShard=10", "--tokenizer=" + TestTokenizer.path());
    Path direct = work.resolve("tokenizer-direct");
    CliRuns.inProcess("tokenizer-direct", concat(args, "--output=" + direct, "--runner=DirectRunner")).requireSuccess();
    assertTrue(Files.isRegularFile(direct.resolve("lengths.jsonl")), "the case measures lengths");
    cluster.awaitReady();
    for (String job : List.of("omniprep-it-tokenizer-staged-1", "omniprep-it-tokenizer-staged-2",
        "omniprep-it-tokenizer-lib-1", "omniprep-it-tokenizer-lib-2")) {
      Path onCluster = work.resolve(job);
      Result run = cli.run(job, Map.of(), concat(args, "--output=" + onCluster, "--jobName=" + job,
              "--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--parallelism=4",
              "--jarOnCluster=" + job.contains("-lib-")))
          .requireSuccess()
          .requireLoopbackOnly(cluster.restPort());
      assertEquals(List.of(), cluster.failures(cluster.jobId(job)), () -> job + " failed on the way\n" + cluster.logs());
      assertEquals(ShardReadBack.digests(direct), ShardReadBack.digests(onCluster), () -> run.describe() + cluster.logs());
    }
  }

  /**
   * {@code webdataset} over 2,000 generated samples in 200 shards; TaskManager 1 is killed (SIGKILL)
   * as soon as the first shard is complete, while the others are being written. Flink restarts the
   * job on the surviving TaskManager; shards already complete are kept (their journals say so), the
   * rest are written again. The result must be the DirectRunner's, file for file, with every shard
   * whole and present once, and no temporary file of a killed writer left behind (the job's last
   * step deletes them). The summary differs only in how many shards were written rather than
   * resumed.
   */
  @Order(4)
  @Test
  void aTaskManagerKilledMidJobChangesNothingInTheOutput() throws Exception {
    Path input = writeFaultInput(work.resolve("fault-input"), 2000, 40);
    Path direct = work.resolve("fault-direct");
    Path onCluster = work.resolve("fault-cluster");
    List<String> args = List.of("webdataset", "--input=" + input, "--maxSamplesPerShard=10");
    CliRuns.inProcess("fault-direct", concat(args, "--output=" + direct, "--runner=DirectRunner")).requireSuccess();
    cluster.awaitReady();

    String jobName = "omniprep-it-fault";
    Process job = cli.start("fault-cluster", Map.of(), concat(args, "--output=" + onCluster, "--jobName=" + jobName,
        "--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--jarOnCluster", "--parallelism=2"));
    Await.until(Duration.ofMinutes(10), Duration.ofMillis(10), "the first complete shard", () -> {
      assertTrue(job.isAlive(), "the job ended before writing its first shard");
      return hasCompleteShard(onCluster);
    });
    ChildProcesses.kill(cluster.taskManagers().get(0));
    Result run = cli.await("fault-cluster", job).requireSuccess().requireLoopbackOnly(cluster.restPort());

    List<String> failures = cluster.failures(cluster.jobId(jobName));
    assertFalse(failures.isEmpty(), "the job finished before the TaskManager died: the fault input is too small for this machine");
    System.out.println("failures the job recovered from: " + failures);
    assertEquals(List.of(), Outputs.temporaries(onCluster), "temporary files left behind");
    assertEquals(
        Outputs.digests(direct, f -> !f.equals("_SUMMARY.json")),
        Outputs.digests(onCluster, f -> !f.equals("_SUMMARY.json")),
        () -> run.describe() + cluster.logs());
    assertEquals(2000, ShardReadBack.readAll(onCluster).size(), "every sample once, in whole shards");

    JsonNode expected = ShardReadBack.json(direct.resolve("_SUMMARY.json"));
    JsonNode actual = ShardReadBack.json(onCluster.resolve("_SUMMARY.json"));
    for (String field : List.of("read", "written", "failed", "failedByReason", "duplicateIds", "balanced")) {
      assertEquals(expected.get(field), actual.get(field), field);
    }
    JsonNode counters = actual.get("counters");
    assertEquals(
        expected.get("counters").get("shards_written").asLong(),
        counters.path("shards_written").asLong() + counters.path("shards_resumed").asLong(),
        "every shard written or resumed once: " + counters);
  }

  /**
   * A job on the cluster shows its progress while it runs, read from the cluster's REST API: the
   * counts are made in the TaskManagers' JVMs, none in the CLI's. stderr is taken for a terminal, so
   * the line is redrawn every second. The counts never go back nor pass the summary's; the scan's
   * total shows while the job runs, before the records are counted. (A short job may end between
   * two polls of the REST API, so its last counts are not asserted to be drawn.) (Beam's Flink batch translation updates a task's counters when its partition is
   * done, so the read and written counts move in steps as tasks finish, not record by record.)
   */
  @Order(3) // before the test that kills a TaskManager: this one needs the whole cluster
  @Test
  void aJobOnTheClusterShowsItsProgressFromTheClustersCounts() throws Exception {
    int samples = 4000;
    Path input = writeFaultInput(work.resolve("progress-input"), samples, 40);
    cluster.awaitReady();
    Result run = cli.run("progress-cluster", Map.of("JAVA_TOOL_OPTIONS", "-Domniprep.stderr.tty=true"),
            List.of("webdataset", "--input=" + input, "--maxSamplesPerShard=10", "--output=" + work.resolve("progress-cluster"),
                "--jobName=omniprep-it-progress", "--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--jarOnCluster"))
        .requireSuccess()
        .requireLoopbackOnly(cluster.restPort());
    JsonNode summary = ShardReadBack.json(work.resolve("progress-cluster/_SUMMARY.json"));
    assertEquals(samples, summary.get("read").asLong(), run::describe);

    Matcher line = Pattern.compile("\romniprep webdataset: read ([\\d,]+)(?: of ([\\d,]+))?, written ([\\d,]+), failed ([\\d,]+)")
        .matcher(run.stderr());
    List<Long> reads = new ArrayList<>();
    while (line.find()) {
      long read = number(line.group(1));
      assertTrue(line.group(2) == null || number(line.group(2)) == samples, () -> "the total is the scan's: " + line.group());
      assertTrue(number(line.group(3)) <= summary.get("written").asLong() && number(line.group(4)) <= summary.get("failed").asLong(),
          line::group);
      assertTrue(reads.isEmpty() || read >= reads.get(reads.size() - 1), () -> "counts never go back: " + reads + ", " + read);
      reads.add(read);
    }
    String total = " of " + String.format(java.util.Locale.ROOT, "%,d", samples) + ",";
    assertTrue(reads.size() > 1 && reads.get(0) < samples, () -> "lines while the job ran: " + reads + "\n" + run.describe());
    assertTrue(run.stderr().contains("\romniprep webdataset: read 0" + total),
        () -> "the scan's total while the job ran: " + run.describe());
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  /**
   * As the README tells users to submit to a cluster with the jar in lib/; without --parallelism: the
   * CLI takes the cluster's parallelism.default (2, see FlinkCluster) and says so.
   */
  private Result submit(String name, List<String> args) throws IOException, InterruptedException {
    Result run = cli.run(name, Map.of(), concat(args, "--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--jarOnCluster"))
        .requireSuccess()
        .requireLoopbackOnly(cluster.restPort());
    assertTrue(run.stderr().contains("parallelism 2 (the cluster's parallelism.default at " + cluster.master() + ";"), run::describe);
    return run;
  }

  /** A shard's {@code .tar.idx} is written last, by rename: its presence means a complete shard. */
  private static boolean hasCompleteShard(Path output) throws IOException {
    if (!Files.isDirectory(output)) {
      return false;
    }
    try (Stream<Path> files = Files.list(output)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".tar.idx"));
    }
  }

  /** {@code samples} LLaVA records over {@code images} small generated JPEGs, each image used many times. */
  private static Path writeFaultInput(Path dir, int samples, int images) throws IOException {
    Files.createDirectories(dir.resolve("images"));
    for (int i = 0; i < images; i++) {
      BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          image.setRGB(x, y, new Color((x * 5 + i * 7) % 256, (y * 8 + i * 3) % 256, (i * 11) % 256).getRGB());
        }
      }
      ImageIO.write(image, "jpg", dir.resolve(String.format("images/%03d.jpg", i)).toFile());
    }
    ObjectMapper json = new ObjectMapper();
    ArrayNode records = json.createArrayNode();
    for (int i = 0; i < samples; i++) {
      ObjectNode record = records.addObject();
      record.put("id", String.format("fault-%06d", i));
      record.put("image", String.format("images/%03d.jpg", i % images));
      ArrayNode turns = record.putArray("conversations");
      turns.addObject().put("from", "human").put("value", "<image>\nWhat is shown?");
      turns.addObject().put("from", "gpt").put("value", "pattern " + (i % images) + ", sample " + i);
    }
    Path file = dir.resolve("fault.json");
    json.writeValue(file.toFile(), records);
    return file;
  }

  private static List<String> concat(List<String> args, String... more) {
    return Stream.concat(args.stream(), Stream.of(more)).toList();
  }
}
