package io.omniprep.bench;

import io.omniprep.runners.testing.ChildProcesses;
import io.omniprep.runners.testing.FlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * The benchmark's {@code cluster} runner: a real standalone Flink cluster on 127.0.0.1 (a
 * JobManager and TASKMANAGERS TaskManagers of SLOTS slots, separate JVMs, as {@code FlinkClusterIT}
 * starts them). Writes the value for {@code --flinkMaster} to {@code HOME/master} once every slot
 * is registered, then runs until its standard input closes or it is terminated, and stops the
 * cluster.
 *
 * <pre>java -cp ... io.omniprep.bench.ClusterForBench HOME TASKMANAGERS SLOTS</pre>
 */
public final class ClusterForBench {
  private ClusterForBench() {}

  public static void main(String[] args) throws Exception {
    Path home = Paths.get(args[0]).toAbsolutePath();
    try (ChildProcesses processes = new ChildProcesses();
        FlinkCluster cluster = FlinkCluster.start(processes, home, Integer.parseInt(args[1]), Integer.parseInt(args[2]))) {
      cluster.awaitReady();
      Path master = home.resolve("master");
      Files.writeString(home.resolve("master.tmp"), cluster.master());
      Files.move(home.resolve("master.tmp"), master, StandardCopyOption.ATOMIC_MOVE);
      while (System.in.read() >= 0) {
        // keep the cluster up until the benchmark closes our input
      }
    }
  }
}
