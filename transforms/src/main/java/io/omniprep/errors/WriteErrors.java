package io.omniprep.errors;

import static io.omniprep.util.Args.check;

import io.omniprep.io.AtomicFiles;
import io.omniprep.io.Folders;
import io.omniprep.io.TextShardFormat;
import io.omniprep.io.WriteTextShards;
import io.omniprep.metrics.Counters;
import io.omniprep.shard.PlanShards;
import io.omniprep.shard.ShardOrder;
import io.omniprep.util.CollectList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;

/**
 * The one errors sink: counts every failure (in total and by reason) and writes them as JSON lines
 * to {@code OUTPUT/_errors/errors-NNNNNN.jsonl}, sorted by source and position so that reruns give
 * the same files.
 */
public final class WriteErrors extends PTransform<PCollection<FailedRecord>, PCollection<String>> {
  public static final String DIRECTORY = "_errors";
  private static final int MAX_PER_FILE = 20_000;

  private final String outputDirectory;

  private WriteErrors(String outputDirectory) {
    this.outputDirectory = outputDirectory;
  }

  /** Errors go under {@code outputDirectory/_errors/}. */
  public static WriteErrors to(String outputDirectory) {
    check(outputDirectory != null && !outputDirectory.isEmpty(), "outputDirectory can not be empty");
    return new WriteErrors(outputDirectory);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("output", outputDirectory).withLabel("Output folder (errors go to its _errors/)"));
  }

  @Override
  public PCollection<String> expand(PCollection<FailedRecord> failures) {
    return failures
        .apply("Count failures", ParDo.of(new CountFn()))
        .apply(
            "Order errors",
            PlanShards.of(
                    (FailedRecord f) ->
                        new ShardOrder("all", f.source(), f.position(), 0, 0, f.stage() + "\n" + f.message() + "\n" + f.record()))
                .withMaxItems(MAX_PER_FILE))
        .apply(
            "Write error files",
            WriteTextShards.to(
                Folders.withoutTrailingSlash(outputDirectory) + "/" + DIRECTORY,
                "errors-%06d.jsonl",
                TextShardFormat.lines(
                    (FailedRecord f, java.io.OutputStream out) ->
                        out.write(ErrorsJson.toJsonLine(f).getBytes(StandardCharsets.UTF_8)))))
        .apply("List error files", Combine.globally(CollectList.<String>create()))
        .apply("Remove earlier error files", ParDo.of(new KeepOnlyFn(outputDirectory)));
  }

  /**
   * Deletes the error files this run did not write (an earlier run's, with more errors or none of
   * them fixed yet), so {@code _errors/} lists this run's failures only; passes the written names on.
   */
  private static final class KeepOnlyFn extends DoFn<List<String>, String> {
    private final String outputDirectory;

    KeepOnlyFn(String outputDirectory) {
      this.outputDirectory = outputDirectory;
    }

    @ProcessElement
    public void process(@Element List<String> written, OutputReceiver<String> out) throws IOException {
      Set<Long> numbers = new HashSet<>();
      for (String name : written) {
        Long number = ErrorParts.PARTS.numberOf(FileSystems.matchNewResource(name, false).getFilename());
        if (number != null) {
          numbers.add(number);
        }
      }
      ErrorParts.PARTS.deleteExcept(AtomicFiles.directory(outputDirectory), numbers);
      written.forEach(out::output);
    }
  }

  private static final class CountFn extends DoFn<FailedRecord, FailedRecord> {
    @ProcessElement
    public void process(@Element FailedRecord f, OutputReceiver<FailedRecord> out) {
      Counters.failed().inc();
      Counters.failed(f.reason().code()).inc();
      out.output(f);
    }
  }
}
