package io.omniprep.runners.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The JVMs a test starts (cluster daemons, object stores, CLI runs), stopped on {@link #close()},
 * and by a shutdown hook if the test JVM exits first, forcibly if they do not stop. Each gets
 * {@code -Domniprep.test.owner=ID} on its command line, so {@link #survivors()} finds leftovers the
 * way {@code pgrep -f ID} would, including processes they started themselves.
 */
public final class ChildProcesses implements AutoCloseable {
  private final String owner = UUID.randomUUID().toString();
  private final List<Process> started = new CopyOnWriteArrayList<>();
  private final Thread hook = new Thread(this::stopAll, "stop-test-processes");

  public ChildProcesses() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The {@code java} of the running JDK. */
  public static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The marker every child carries on its command line. */
  public String marker() {
    return "-Domniprep.test.owner=" + owner;
  }

  /**
   * Starts {@code java MARKER jvmAndMain...}; stdout goes to {@code out}, stderr to {@code err}
   * (the same file for both is fine).
   */
  public Process startJava(List<String> jvmAndMain, Path out, Path err) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add(marker());
    command.addAll(jvmAndMain);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    if (out.equals(err)) {
      builder.redirectErrorStream(true).redirectOutput(out.toFile());
    } else {
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    }
    return start(builder);
  }

  /** Starts a prepared process and keeps it for cleanup. */
  public Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** Kills one process at once (SIGKILL), as a crash would. */
  public static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(1, TimeUnit.MINUTES);
  }

  /** Processes whose command line carries this owner's marker and that still run. */
  public List<String> survivors() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.isAlive() && p.info().commandLine().map(c -> c.contains(owner)).orElse(false))
        .map(p -> p.pid() + " " + p.info().command().orElse("?"))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run.
    }
  }

  /** SIGTERM to every process and its descendants, then SIGKILL to whatever is left after 20 s. */
  private void stopAll() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : started) {
      p.descendants().forEach(all::add);
      all.add(p.toHandle());
    }
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(owner)).orElse(false))
        .forEach(all::add);
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception notYet) {
        p.destroyForcibly();
      }
    }
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Reported by survivors().
      }
    }
  }
}
