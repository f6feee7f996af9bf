package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.runners.testing.CliRuns;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
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

  /**
   * With the managed memory named, Beam's Flink runner does not call {@code System.gc()} to measure
   * the free heap before the job (a full collection on the CLI's thread). Java's flight recorder
   * sees every call.
   */
  @Test
  void anEmbeddedFlinkJobCollectsNoGarbageOnRequest(@TempDir Path dir) throws Exception {
    Path events = dir.resolve("gc.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.SystemGC").withStackTrace();
      recording.start();
      CliRuns.inProcess("flink", List.of("convert", "--runner=FlinkRunner", "--input=" + Fixtures.testdata("jsonl/ola.jsonl"),
          "--output=" + dir.resolve("out"))).requireSuccess();
      recording.stop();
      recording.dump(events);
    }
    List<String> calls = RecordingFile.readAllEvents(events).stream()
        .filter(e -> e.getEventType().getName().equals("jdk.SystemGC"))
        .map(RecordedEvent::toString).toList();
    assertEquals(List.of(), calls);
  }
}
