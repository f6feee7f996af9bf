package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedFlinkConfTest {
  private static Path runFolder(Path temp, String name, long pid) throws Exception {
    Path run = Files.createDirectories(temp.resolve(name));
    Files.writeString(run.resolve("pid"), Long.toString(pid));
    Files.createDirectories(run.resolve("tmp/minicluster_x"));
    Files.writeString(run.resolve("tmp/minicluster_x/blob"), "bytes");
    return run;
  }

  @Test
  void theFoldersOfRunsNoLongerAliveAreDeletedAndNoOthers(@TempDir Path temp) throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Path dead = runFolder(temp, "omniprep-run-dead", finished.pid());
    Path alive = runFolder(temp, "omniprep-run-alive", ProcessHandle.current().pid());
    Path noPid = Files.createDirectories(temp.resolve("omniprep-run-starting"));
    Path other = runFolder(temp, "someone-else", finished.pid());

    EmbeddedFlinkConf.deleteLeftovers(temp);

    assertFalse(Files.exists(dead), "a killed run's folder");
    assertTrue(Files.exists(alive.resolve("tmp/minicluster_x/blob")), "a running CLI's folder");
    assertTrue(Files.exists(noPid), "a folder still being set up");
    assertTrue(Files.exists(other), "not ours");
  }
}
