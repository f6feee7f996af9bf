package io.omniprep.runners.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink 1.19 session cluster on 127.0.0.1: one JobManager and N TaskManagers, each its
 * own JVM, started the way Flink's scripts start them, from the jars {@code
 * src/test/flink-cluster/pom.xml} names (resolved by Maven; {@code flink-dist} is not on Maven
 * Central). A fixed-delay restart strategy and short heartbeats let a job survive a TaskManager
 * that dies, on the TaskManagers that remain. Every process has {@code omniprep-cluster.jar} on its
 * class path, as the README's Runners section tells users to put it in {@code lib/}: jobs submitted
 * with {@code --jarOnCluster} upload no jar and load their classes from there. The TaskManagers get
 * the launcher's compiler thresholds, and the exchanges embedded Flink uses (see {@link #FLINK_SETTINGS}).
 */
public final class FlinkCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_PARAMS = "BASH_JAVA_UTILS_EXEC_RESULT:";

  /**
   * The optimizing compiler only for code that stays hot, as {@code runners/omniprep} runs the CLI
   * (a job's thousands of Beam and omniprep methods are otherwise compiled while the workers wait),
   * and the throughput collector. Users set them as {@code env.java.opts.taskmanager}.
   */
  private static final List<String> TASK_MANAGER_JVM_OPTIONS =
      List.of(
          "-XX:Tier4InvocationThreshold=40000",
          "-XX:Tier4MinInvocationThreshold=20000",
          "-XX:Tier4CompileThreshold=50000",
          "-XX:Tier4BackEdgeThreshold=400000",
          "-XX:+UseParallelGC");

  /**
   * Batch exchanges as embedded Flink has them (EmbeddedFlinkConf): uncompressed, since on loopback
   * LZ4 only costs CPU, and hash-based, the sort-merge shuffle's extra sort and file pass being
   * built for thousands of partitions.
   */
  private static final List<String> FLINK_SETTINGS =
      List.of(
          "taskmanager.network.batch-shuffle.compression.enabled: false",
          "taskmanager.network.sort-shuffle.min-parallelism: 1000",
          "env.java.opts.taskmanager: " + String.join(" ", TASK_MANAGER_JVM_OPTIONS));

  private final ChildProcesses processes;
  private final Path home;
  private final String classpath;
  private final int restPort;
  private final int totalSlots;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> taskManagers = new ArrayList<>();
  private Process jobManager;

  private FlinkCluster(ChildProcesses processes, Path home, String classpath, int restPort, int totalSlots) {
    this.processes = processes;
    this.home = home;
    this.classpath = classpath;
    this.restPort = restPort;
    this.totalSlots = totalSlots;
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers with {@code slots} slots each; they
   * take a while to register, see {@link #awaitReady()}.
   */
  public static FlinkCluster start(ChildProcesses processes, Path home, int taskManagers, int slots)
      throws IOException, InterruptedException {
    Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("log"));
    Files.createDirectories(home.resolve("tmp"));
    String classpath = omniprepJar() + File.pathSeparator + classpath(processes, home);
    FlinkCluster cluster = new FlinkCluster(processes, home, classpath, FreePorts.next(), taskManagers * slots);
    cluster.configure(slots);
    cluster.startJobManager();
    List<String> resources = cluster.taskManagerResources();
    for (int i = 0; i < taskManagers; i++) {
      cluster.startTaskManager(resources);
    }
    return cluster;
  }

  /** Waits (at most 5 minutes) until every TaskManager and slot is registered. */
  public void awaitReady() throws InterruptedException {
    Await.until(Duration.ofMinutes(5), "the Flink cluster's " + totalSlots + " slots", () -> {
      if (!jobManager.isAlive() || taskManagers.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("a Flink process exited while starting:\n" + logs());
      }
      try {
        JsonNode overview = rest("/overview");
        return overview.get("taskmanagers").asInt() == taskManagers.size() && overview.get("slots-total").asInt() == totalSlots;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  /** The value for {@code --flinkMaster}: the REST endpoint. */
  public String master() {
    return "127.0.0.1:" + restPort;
  }

  public int restPort() {
    return restPort;
  }

  public List<Process> taskManagers() {
    return List.copyOf(taskManagers);
  }

  /** GET on the REST API, e.g. {@code /jobs/overview}. */
  public JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(URI.create("http://" + master() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The id of the job named {@code name} (Beam's {@code --jobName}). */
  public String jobId(String name) throws IOException, InterruptedException {
    for (JsonNode job : rest("/jobs/overview").get("jobs")) {
      if (job.get("name").asText().equals(name)) {
        return job.get("jid").asText();
      }
    }
    throw new AssertionError("no job named " + name + " on the cluster");
  }

  /** The failures a job went through (Flink's exception history), newest first. */
  public List<String> failures(String jobId) throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (JsonNode entry : rest("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
      out.add(entry.path("exceptionName").asText() + " in " + entry.path("taskName").asText());
    }
    return out;
  }

  /** The last lines of every log, for failure messages. */
  public String logs() {
    StringBuilder out = new StringBuilder();
    try (var files = Files.list(home.resolve("log"))) {
      for (Path log : (Iterable<Path>) files.sorted()::iterator) {
        List<String> lines = Files.readAllLines(log);
        out.append("--- ").append(log.getFileName()).append('\n');
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
      }
    } catch (IOException e) {
      out.append("(logs unreadable: ").append(e).append(")");
    }
    return out.toString();
  }

  @Override
  public void close() throws InterruptedException {
    List<Process> all = new ArrayList<>(taskManagers);
    if (jobManager != null) {
      all.add(jobManager);
    }
    all.forEach(Process::destroy);
    for (Process p : all) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        ChildProcesses.kill(p);
      }
    }
  }

  /**
   * {@code omniprep-cluster.jar} (the bundle without Flink, made by {@code mvn package}), first on
   * the class path as in {@code lib/}, where Flink's scripts put {@code flink-dist} last.
   */
  private static String omniprepJar() {
    Path jar = Paths.get(System.getProperty("omniprep.cluster.jar", "target/omniprep-cluster.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the cluster's jar is built first (mvn package): " + jar);
    }
    return jar.toString();
  }

  /** Resolves the cluster's classpath with Maven, once per build (cached in target/). */
  private static String classpath(ChildProcesses processes, Path home) throws IOException, InterruptedException {
    Path pom = Paths.get(System.getProperty("omniprep.flink-cluster.pom", "src/test/flink-cluster/pom.xml")).toAbsolutePath();
    Path cached = Paths.get(System.getProperty("omniprep.flink-cluster.classpath", home.resolve("classpath.txt").toString()));
    if (!Files.exists(cached) || Files.getLastModifiedTime(cached).compareTo(Files.getLastModifiedTime(pom)) < 0) {
      String mavenHome = System.getProperty("maven.home");
      List<String> command = new ArrayList<>();
      command.add(mavenHome == null ? "mvn" : Paths.get(mavenHome, "bin", "mvn").toString());
      command.addAll(List.of("-B", "-q", "-f", pom.toString(), "dependency:build-classpath", "-Dmdep.outputFile=" + cached));
      if ("offline=true".equals(System.getProperty("omniprep.maven.offline"))) {
        command.add("-o");
      }
      if (System.getProperty("maven.repo.local") != null) {
        command.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
      }
      Path log = home.resolve("log").resolve("maven-classpath.log");
      Process mvn = processes.start(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()));
      if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
        mvn.destroyForcibly();
        throw new IllegalStateException("could not resolve the Flink cluster's jars: " + command + "\n" + Outputs.text(log));
      }
    }
    return Files.readString(cached).trim();
  }

  /** Every address and bind host on 127.0.0.1; free ports chosen now; restarts for the fault test. */
  private void configure(int slotsPerTaskManager) throws IOException {
    List<String> conf = new ArrayList<>(FLINK_SETTINGS);
    conf.addAll(
        List.of(
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.rpc.port: " + FreePorts.next(),
            "jobmanager.bind-host: 127.0.0.1",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.port: " + restPort,
            "taskmanager.host: 127.0.0.1",
            "taskmanager.bind-host: 127.0.0.1",
            "jobmanager.memory.process.size: 1024m",
            "taskmanager.memory.process.size: 1536m",
            // After a TaskManager is lost, the survivors run every task of a region: Beam's batch
            // jobs need more network buffers than Flink's default then.
            "taskmanager.memory.network.min: 256m",
            "taskmanager.memory.network.max: 256m",
            "taskmanager.numberOfTaskSlots: " + slotsPerTaskManager,
            "parallelism.default: 2",
            "cluster.evenly-spread-out-slots: true",
            "restart-strategy.type: fixed-delay",
            "restart-strategy.fixed-delay.attempts: 20",
            "restart-strategy.fixed-delay.delay: 1 s",
            "heartbeat.interval: 1000",
            "heartbeat.timeout: 15000",
            "io.tmp.dirs: " + home.resolve("tmp"),
            "web.tmpdir: " + home.resolve("tmp"),
            "blob.storage.directory: " + home.resolve("tmp")));
    Files.write(home.resolve("conf/flink-conf.yaml"), conf);
    Files.write(
        home.resolve("conf/log4j.properties"),
        List.of(
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = file",
            "appender.file.type = File",
            "appender.file.name = file",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n"));
  }

  private void startJobManager() throws IOException {
    jobManager = startDaemon("jobmanager", List.of("-Xmx512m"), "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", List.of());
  }

  /**
   * The JVM options and {@code -D} settings {@code taskmanager.sh} would pass, computed by Flink's
   * own BashJavaUtils from the configuration (without them the TaskManager refuses to start).
   */
  private List<String> taskManagerResources() throws IOException, InterruptedException {
    Path out = home.resolve("log/tm-resources.out");
    Process p =
        processes.startJava(
            List.of("-cp", classpath, "org.apache.flink.runtime.util.bash.BashJavaUtils", "GET_TM_RESOURCE_PARAMS", "--configDir", home.resolve("conf").toString()),
            out,
            out);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("BashJavaUtils failed:\n" + Outputs.text(out));
    }
    List<String> results =
        Files.readAllLines(out).stream().filter(l -> l.startsWith(RESOURCE_PARAMS)).map(l -> l.substring(RESOURCE_PARAMS.length())).toList();
    if (results.size() < 2) {
      throw new IllegalStateException("unexpected BashJavaUtils output:\n" + Outputs.text(out));
    }
    List<String> args = new ArrayList<>(Arrays.asList(results.get(0).trim().split("\\s+")));
    args.add("--");
    args.addAll(Arrays.asList(results.get(1).trim().split("\\s+")));
    return args;
  }

  private void startTaskManager(List<String> resources) throws IOException {
    int separator = resources.indexOf("--");
    String name = "taskmanager-" + (taskManagers.size() + 1);
    List<String> jvm = new ArrayList<>(resources.subList(0, separator));
    jvm.addAll(TASK_MANAGER_JVM_OPTIONS); // what taskmanager.sh adds from env.java.opts.taskmanager
    taskManagers.add(
        startDaemon(
            name,
            jvm,
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            resources.subList(separator + 1, resources.size())));
  }

  /** {@code java JVM -Dlog.file=... -cp CLASSPATH MAIN --configDir CONF ARGS}, logging to log/NAME.*. */
  private Process startDaemon(String name, List<String> jvm, String main, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(jvm);
    command.add("-Dlog.file=" + home.resolve("log/" + name + ".log"));
    command.add("-Dlog4j.configurationFile=" + home.resolve("conf/log4j.properties").toUri());
    command.addAll(List.of("-cp", classpath, main, "--configDir", home.resolve("conf").toString()));
    command.addAll(args);
    Path out = home.resolve("log/" + name + ".out");
    return processes.startJava(command, out, out);
  }

}
