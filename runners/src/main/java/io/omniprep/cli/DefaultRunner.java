package io.omniprep.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The runner a job gets when the command line names none. Embedded Flink streams any amount of data
 * on every core, but translating the job and starting a local cluster costs about three seconds,
 * more than a small input's whole work. So an input of at most {@link #SMALL_INPUT_BYTES} (every
 * local file {@code --input} names, together) runs on Beam's DirectRunner in this JVM instead,
 * without its checks for elements mutated or not encodable by their coder (they copy every element;
 * the tests keep them on). Either way the output is the same bytes: the tests compare the runners.
 * Remote inputs ({@code gs://}, {@code s3://}) and larger ones run on embedded Flink.
 */
final class DefaultRunner {
  /**
   * The largest input run on the DirectRunner: 1 MiB of records, a few thousand LLaVA samples.
   * Measured with runners/bench/run (docs/bench/): below it the DirectRunner finishes first. The
   * launcher ({@code runners/omniprep}, {@code small_input}) compares local inputs with the same
   * bound, before the JVM starts, to run such a job with C1 alone: change both together.
   */
  static final long SMALL_INPUT_BYTES = 1L << 20;

  private DefaultRunner() {}

  /** The arguments that choose the runner for {@code input} (the {@code --input} value, or null). */
  static List<String> forInput(@Nullable String input) {
    if (isSmall(input)) {
      return List.of("--runner=DirectRunner", "--enforceImmutability=false", "--enforceEncodability=false");
    }
    return List.of("--runner=FlinkRunner");
  }

  /** Whether every pattern of {@code input} is local and the files they match total a small input. */
  static boolean isSmall(@Nullable String input) {
    if (input == null || input.isEmpty()) {
      return false;
    }
    List<String> patterns = new ArrayList<>();
    for (String pattern : input.split(",")) {
      if (pattern.contains("://")) {
        return false;
      }
      patterns.add(pattern);
    }
    long total = 0;
    try {
      for (MatchResult match : FileSystems.match(patterns, EmptyMatchTreatment.ALLOW)) {
        if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
          return false; // the pipeline says what is wrong with its input
        }
        for (MatchResult.Metadata file : match.metadata()) {
          total += file.sizeBytes();
        }
      }
    } catch (IOException | RuntimeException e) {
      return false; // likewise
    }
    return total <= SMALL_INPUT_BYTES;
  }
}
