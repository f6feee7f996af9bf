package io.omniprep.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * The Flink configuration folder of embedded Flink. It binds Flink to 127.0.0.1: by default its REST
 * endpoint and blob server listen on every interface, so anyone who can reach the machine could
 * submit jobs to a running CLI. And it turns off LZ4 compression of batch exchanges, which here never
 * leave the process: compressing them only costs CPU. It also keeps them on Flink's hash-based
 * blocking shuffle: the sort-merge one, built for clusters with thousands of partitions, adds a sort
 * and file pass per exchange, which with one machine's few cores made a webdataset job a fifth
 * slower. It names the size of Flink's managed memory ({@link #managedMemoryBytes}). Flink's
 * temporary folders ({@code io.tmp.dirs}: the mini cluster's working folder, its exchange files,
 * blobs) go into the same per-run folder, {@code TMP/omniprep-run-*}, which is deleted when the JVM
 * exits; the folders of runs killed outright are deleted by the next run.
 */
final class EmbeddedFlinkConf {
  private static final List<String> SETTINGS =
      List.of(
          "rest.address: 127.0.0.1",
          "rest.bind-address: 127.0.0.1",
          "jobmanager.rpc.address: 127.0.0.1",
          "jobmanager.bind-host: 127.0.0.1",
          "taskmanager.host: 127.0.0.1",
          "taskmanager.bind-host: 127.0.0.1",
          "taskmanager.network.batch-shuffle.compression.enabled: false",
          "taskmanager.network.sort-shuffle.min-parallelism: 1000");

  /** Each run's folder in the temporary folder: Flink's configuration, its io.tmp.dirs, our pid. */
  private static final String RUN_PREFIX = "omniprep-run-";
  private static final String PID_FILE = "pid";

  private static Path directory;

  private EmbeddedFlinkConf() {}

  /** The folder, for {@code --flinkConfDir}. */
  static synchronized String directory() {
    if (directory == null) {
      try {
        Path run = Files.createTempDirectory(RUN_PREFIX);
        Files.writeString(run.resolve(PID_FILE), Long.toString(ProcessHandle.current().pid()));
        Path tmp = Files.createDirectories(run.resolve("tmp"));
        Path conf = Files.createDirectories(run.resolve("conf"));
        List<String> settings = new ArrayList<>(SETTINGS);
        settings.add("io.tmp.dirs: " + tmp);
        settings.add("web.tmpdir: " + tmp);
        settings.add("web.upload.dir: " + tmp);
        settings.add("taskmanager.memory.managed.size: " + managedMemoryBytes());
        Files.write(conf.resolve("flink-conf.yaml"), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(run), "omniprep-flink-cleanup"));
        deleteLeftovers(run.getParent());
        directory = conf;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write embedded Flink's configuration", e);
      }
    }
    return directory.toString();
  }

  /**
   * Flink's managed memory (its sort buffers): Flink's default fraction (0.4) of the heap. Named
   * here because without it Beam's Flink runner measures the free heap with {@code System.gc()}
   * on the main thread before every job (80 ms of a full collection at start-up), to take the same
   * fraction of nearly the same amount: at start the heap holds some 30 MB.
   */
  static long managedMemoryBytes() {
    return (long) (Runtime.getRuntime().maxMemory() * TaskManagerOptions.MANAGED_MEMORY_FRACTION.defaultValue());
  }

  /** Run folders of CLIs that no longer run (killed before their shutdown hook could delete them). */
  static void deleteLeftovers(Path temp) {
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(temp, RUN_PREFIX + "*")) {
      for (Path run : runs) {
        try {
          long pid = Long.parseLong(Files.readString(run.resolve(PID_FILE)).trim());
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
        } catch (IOException | NumberFormatException e) {
          continue; // not ours, or still being set up: leave it
        }
        deleteQuietly(run);
      }
    } catch (IOException | RuntimeException ignored) {
      // Best effort: a leftover folder costs disk, never correctness.
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException ignored) {
      // Best effort, as above.
    }
  }
}
