package io.omniprep.report;

import io.omniprep.errors.FailedRecord;
import io.omniprep.sample.Sample;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A report people can look at, of validated samples and the records that failed:
 * {@code DIR/report.html} (self-contained: inline SVG charts, no script or network) and the same
 * figures in {@code DIR/report.json}. Samples per source and split, media per sample by kind, image
 * sizes and aspect ratios (from headers), video durations and frame rates, turns per conversation
 * and characters per turn, failures by reason with examples. Every figure is computed by combiners,
 * so the report scales with the pipeline; the same input gives the same bytes.
 *
 * <pre>{@code
 * valid.output().apply(DatasetReport.to(output).withFailures(failures));
 * }</pre>
 *
 * <p>The output is the report.json text.
 */
public final class DatasetReport extends PTransform<PCollection<Sample>, PCollection<String>> {
  private final WriteReport write;

  private DatasetReport(WriteReport write) {
    this.write = write;
  }

  /** A report in {@code directory}. */
  public static DatasetReport to(String directory) {
    return new DatasetReport(WriteReport.to(directory));
  }

  /** What the report is of, shown as its heading. */
  public DatasetReport withTitle(String title) {
    return new DatasetReport(write.withTitle(title));
  }

  /** The records that failed on the way, for the errors section. */
  public DatasetReport withFailures(PCollection<FailedRecord> failures) {
    return new DatasetReport(write.withFailures(failures));
  }

  /** Samples per split, for runs whose splits are decided when shards are planned. */
  public DatasetReport withSplitCounts(PCollection<KV<String, Long>> splitCounts) {
    return new DatasetReport(write.withSplitCounts(splitCounts));
  }

  @Override
  public PCollection<String> expand(PCollection<Sample> samples) {
    return samples.apply("Profile samples", ProfileSamples.create()).apply("Write report", write);
  }
}
