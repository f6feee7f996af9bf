package io.omniprep.runners.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the omniprep CLI: in this JVM through {@link Main#run}, or as users do from the bundled jar
 * in a child JVM, with {@link LoopbackOnly} watching every lookup and connection it makes.
 */
public final class CliRuns {
  /** What one run printed and, for child JVMs, every host it looked up or connected to. */
  public record Result(String name, int exitCode, String stdout, String stderr, List<String> network) {
    public Result requireSuccess() {
      assertEquals(0, exitCode, this::describe);
      return this;
    }

    /**
     * Every lookup and connection went to loopback, and there were some to {@code port}: the watch
     * was on. One exception: embedded Flink's MiniCluster looks up the machine's own name ({@code
     * InetAddress.getLocalHost()}, unconditionally); that is answered from /etc/hosts where the
     * machine is named there, as on the test machines (checked with strace: no packet leaves).
     */
    public Result requireLoopbackOnly(int port) {
      String ownName = "lookup " + hostName();
      List<String> outside =
          network.stream().filter(l -> !LoopbackOnly.isLoopback(host(l)) && !l.equals(ownName)).collect(Collectors.toList());
      assertEquals(List.of(), outside, name + ": lookups or connections outside loopback");
      assertTrue(network.stream().anyMatch(l -> l.endsWith(":" + port)), name + ": no connection to 127.0.0.1:" + port + " was seen: " + network);
      return this;
    }

    public String describe() {
      return name + " exited " + exitCode + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
    }

    /** This machine's name, read without a lookup. */
    private static String hostName() {
      try {
        return Files.readString(Paths.get("/proc/sys/kernel/hostname")).trim();
      } catch (IOException e) {
        return String.valueOf(System.getenv("HOSTNAME"));
      }
    }

    private static String host(String line) {
      String target = line.substring(line.indexOf(' ') + 1);
      return line.startsWith("connect ") ? target.substring(0, target.lastIndexOf(':')) : target;
    }

    private static String tail(String text) {
      return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }
  }

  private final ChildProcesses processes;
  private final Path work;
  private final Path jar = Paths.get(System.getProperty("omniprep.jar", "target/omniprep.jar")).toAbsolutePath();

  public CliRuns(ChildProcesses processes, Path work) {
    this.processes = processes;
    this.work = work;
  }

  /** Runs {@code Main.run(args)} in this JVM. */
  public static Result inProcess(String name, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args.toArray(new String[0]), o, e);
    }
    return new Result(name, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), List.of());
  }

  public Path jar() {
    return jar;
  }

  /** Runs the bundled jar with {@code args} and extra environment variables, and waits for it. */
  public Result run(String name, Map<String, String> env, List<String> args) throws IOException, InterruptedException {
    return await(name, start(name, env, args));
  }

  /** Starts the bundled jar: {@code java -cp omniprep.jar:GUARD io.omniprep.cli.Main args}. */
  public Process start(String name, Map<String, String> env, List<String> args) throws IOException {
    assertTrue(Files.isRegularFile(jar), "the bundled jar is built first (mvn package): " + jar);
    Path dir = Files.createDirectories(runDirectory(name));
    Files.deleteIfExists(dir.resolve("network.log"));
    List<String> command = new ArrayList<>();
    command.add(ChildProcesses.java());
    command.add(processes.marker());
    command.add("-Djava.security.manager=" + LoopbackOnly.class.getName());
    command.add("-D" + LoopbackOnly.LOG_PROPERTY + "=" + dir.resolve("network.log"));
    command.add("-Daws.disableEc2Metadata=true");
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(jar + java.io.File.pathSeparator + guardClasspath());
    command.add("io.omniprep.cli.Main");
    command.addAll(args);
    Files.write(dir.resolve("command.txt"), List.of(String.join(" ", command)));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
    return processes.start(builder);
  }

  /** Waits (at most 20 minutes) for a run started by {@link #start} and collects what it printed. */
  public Result await(String name, Process process) throws IOException, InterruptedException {
    if (!process.waitFor(20, TimeUnit.MINUTES)) {
      ChildProcesses.kill(process);
      throw new AssertionError(name + " did not finish within 20 minutes");
    }
    Path dir = runDirectory(name);
    Path network = dir.resolve("network.log");
    return new Result(
        name,
        process.exitValue(),
        Files.readString(dir.resolve("stdout.txt")),
        Files.readString(dir.resolve("stderr.txt")),
        Files.exists(network) ? Files.readAllLines(network) : List.of());
  }

  /** Where a run's command, stdout, stderr and network log are kept. */
  private Path runDirectory(String name) {
    return work.resolve("runs").resolve(name);
  }

  /** A folder holding only {@link LoopbackOnly}, so child JVMs get no other test class. */
  private Path guardClasspath() throws IOException {
    Path root = work.resolve("loopback-guard");
    Path file = root.resolve(LoopbackOnly.class.getName().replace('.', '/') + ".class");
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      try (InputStream in = LoopbackOnly.class.getResourceAsStream(LoopbackOnly.class.getSimpleName() + ".class")) {
        Files.write(file, in.readAllBytes());
      }
    }
    assertFalse(Files.size(file) == 0);
    return root;
  }
}
