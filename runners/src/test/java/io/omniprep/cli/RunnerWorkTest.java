package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DirectRunner job fails in one bundle while another, in its own bundle, still works and writes
 * a file late: the failure is reported before that file exists, and {@link RunnerWork#awaitStopped}
 * returns only once it does, so what the CLI deletes next stays deleted.
 */
class RunnerWorkTest {
  /** Key 0 fails at once; key 1 writes {@code late} after two seconds. */
  private static final class FailOrWriteLate extends DoFn<KV<Integer, Iterable<Integer>>, Void> {
    private final String late;

    FailOrWriteLate(String late) {
      this.late = late;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Integer>> e) throws IOException, InterruptedException {
      if (e.getKey() == 0) {
        throw new IllegalStateException("the failing bundle");
      }
      Thread.sleep(2000);
      Files.writeString(Paths.get(late), "written after the failure was reported");
    }
  }

  @Test
  void theFailedJobsOtherBundlesAreWaitedFor(@TempDir Path dir) {
    Path late = dir.resolve("late");
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(Create.of(0, 1))
        .apply(WithKeys.of((Integer i) -> i).withKeyType(TypeDescriptors.integers()))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new FailOrWriteLate(late.toString())));

    assertThrows(RuntimeException.class, pipeline::run);
    assertFalse(Files.exists(late), "the failure is reported while the other bundle still works");
    RunnerWork.awaitStopped(RunnerWork.AT_MOST);
    assertTrue(Files.exists(late), "awaitStopped returned before the other bundle ended");
  }
}
