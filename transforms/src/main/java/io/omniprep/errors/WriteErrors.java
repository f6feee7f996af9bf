package io.omniprep.errors;

import static io.omniprep.util.Args.check;

import io.omniprep.io.Folders;
import io.omniprep.io.TextShardFormat;
import io.omniprep.io.WriteTextShards;
import io.omniprep.metrics.Counters;
import io.omniprep.shard.PlanShards;
import io.omniprep.shard.ShardOrder;
import java.nio.charset.StandardCharsets;
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
                        out.write(ErrorsJson.toJsonLine(f).getBytes(StandardCharsets.UTF_8)))));
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
