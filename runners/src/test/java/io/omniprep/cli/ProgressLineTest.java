package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressLineTest {
  @Test
  void theLineTellsCountsRateAndElapsedTime() {
    assertEquals("omniprep webdataset: read 12,345, written 12,300, failed 45 (2,469 records/s, 0:05 elapsed)",
        ProgressLine.text("webdataset", 12_345, 12_300, 45, 0, Duration.ofSeconds(5)));
    assertEquals("omniprep convert: read 0, written 0, failed 0 (0 records/s, 1:01 elapsed)",
        ProgressLine.text("convert", 0, 0, 0, 0, Duration.ofSeconds(61)));
  }

  @Test
  void withTheTotalTheScanFoundTheLineTellsTheTimeLeftAtTheRateSoFar() {
    // 10,000 of 250,000 read in 20 s: 500 records/s, so 240,000 left take 480 s, 8:00.
    assertEquals("omniprep webdataset: read 10,000 of 250,000, written 9,990, failed 10 (500 records/s, 0:20 elapsed, 8:00 left)",
        ProgressLine.text("webdataset", 10_000, 9_990, 10, 250_000, Duration.ofSeconds(20)));
    // Nothing read yet: no rate to tell the time left by; everything read: nothing left to tell.
    assertEquals("omniprep convert: read 0 of 7, written 0, failed 0 (0 records/s, 0:01 elapsed)",
        ProgressLine.text("convert", 0, 0, 0, 7, Duration.ofSeconds(1)));
    assertEquals("omniprep convert: read 7 of 7, written 7, failed 0 (7 records/s, 0:01 elapsed)",
        ProgressLine.text("convert", 7, 7, 0, 7, Duration.ofSeconds(1)));
  }

  @Test
  void aTerminalGetsTheRedrawnLineALogPlainLinesAndQuietSilencesBoth() {
    assertEquals(ProgressLine.Mode.REDRAWN, ProgressLine.mode(false, true));
    assertEquals(ProgressLine.Mode.PLAIN, ProgressLine.mode(false, false));
    assertEquals(ProgressLine.Mode.OFF, ProgressLine.mode(true, true));
    assertEquals(ProgressLine.Mode.OFF, ProgressLine.mode(true, false));
  }

  @Test
  void aRedrawnLineIsClearedWhenTheJobEnds() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    try (ProgressLine line = ProgressLine.start("convert", ProgressLine.Mode.REDRAWN, new LocalJobCounts(), new PrintStream(err, true, StandardCharsets.UTF_8))) {
      Thread.sleep(ProgressLine.REDRAW_EVERY.toMillis() * 5 / 2);
    }
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\romniprep convert: read 0, written 0, failed 0"), text);
    long drawn = text.split("\romniprep convert", -1).length - 1;
    assertTrue(drawn >= 1 && drawn <= seconds, "drawn " + drawn + " times in " + seconds + " s, at most once a second: " + text);
    assertTrue(text.endsWith("\r\033[K"), "cleared at the end");
  }

  /** A remote source (a cluster, Dataflow) is asked at most every few seconds, however often the line is redrawn. */
  @Test
  void aRemoteSourceIsAskedAtMostEveryPollInterval() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    JobCounts remote = () -> Optional.of(new JobCounts.Counts(asked.incrementAndGet(), 0, 0, 0));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    try (ProgressLine line = ProgressLine.start("convert", ProgressLine.Mode.REDRAWN, null, new PrintStream(err, true, StandardCharsets.UTF_8))) {
      Thread.sleep(1500);
      assertEquals(0, asked.get(), "nothing to ask before the job is followed");
      line.follow(remote);
      Thread.sleep(JobCounts.REMOTE_POLL_EVERY.toMillis() + 1500);
    }
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis() - 1500;
    String text = err.toString(StandardCharsets.UTF_8);
    long drawn = text.split("\romniprep convert", -1).length - 1;
    assertTrue(asked.get() >= 1 && asked.get() <= millis / JobCounts.REMOTE_POLL_EVERY.toMillis() + 1,
        "asked " + asked.get() + " times in " + millis + " ms");
    assertTrue(drawn > asked.get(), "drawn " + drawn + " times, asked " + asked.get() + ": " + text);
    assertTrue(text.contains("\romniprep convert: read 1, written 0"), "the source's counts are shown: " + text);
  }

  @Test
  void aJobWhoseStderrIsNoTerminalPrintsNoProgress(@TempDir Path out) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"webdataset", "--runner=DirectRunner", "--input=" + Fixtures.testdata("llava-pretrain/blip_laion_cc_sbu_sample.json"), "--output=" + out},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("records/s"), err.toString(StandardCharsets.UTF_8));
  }
}
