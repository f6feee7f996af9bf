package io.omniprep.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Flink configuration folder of embedded Flink. It binds Flink to 127.0.0.1: by default its REST
 * endpoint and blob server listen on every interface, so anyone who can reach the machine could
 * submit jobs to a running CLI. And it turns off LZ4 compression of batch exchanges, which here never
 * leave the process: compressing them only costs CPU. It also keeps them on Flink's hash-based
 * blocking shuffle: the sort-merge one, built for clusters with thousands of partitions, adds a sort
 * and file pass per exchange, which with one machine's few cores made a webdataset job a fifth
 * slower. The folder is written once per JVM and removed when it exits.
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

  private static Path directory;

  private EmbeddedFlinkConf() {}

  /** The folder, for {@code --flinkConfDir}. */
  static synchronized String directory() {
    if (directory == null) {
      try {
        Path dir = Files.createTempDirectory("omniprep-flink-conf");
        Path file = Files.write(dir.resolve("flink-conf.yaml"), SETTINGS);
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        directory = dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write embedded Flink's configuration", e);
      }
    }
    return directory.toString();
  }
}
