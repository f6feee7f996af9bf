package io.omniprep.report;

import static io.omniprep.util.Args.check;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.FailedRecordCoder;
import io.omniprep.io.AtomicFiles;
import io.omniprep.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Summarizes sample profiles and failures with combiners (no step holds more than one partial
 * summary) and writes {@code DIR/report.json} and the self-contained {@code DIR/report.html},
 * each atomically. The output is the report.json text.
 *
 * <pre>{@code
 * profiles.apply(WriteReport.to("gs://bucket/out").withFailures(failures).withTitle("laion mix"));
 * }</pre>
 */
public final class WriteReport extends PTransform<PCollection<SampleProfile>, PCollection<String>> {
  public static final String JSON_FILE = "report.json";
  public static final String HTML_FILE = "report.html";
  private static final ObjectWriter WRITER =
      Json.MAPPER
          .writer()
          .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .with(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private final String directory;
  private final String title;
  private final @Nullable PCollection<FailedRecord> failures;
  private final @Nullable PCollection<KV<String, Long>> splitCounts;

  private WriteReport(
      String directory, String title, @Nullable PCollection<FailedRecord> failures, @Nullable PCollection<KV<String, Long>> splitCounts) {
    this.directory = directory;
    this.title = title;
    this.failures = failures;
    this.splitCounts = splitCounts;
  }

  /** A report in {@code directory}, titled "Dataset report", without failures or split counts. */
  public static WriteReport to(String directory) {
    check(directory != null && !directory.isEmpty(), "directory can not be empty");
    return new WriteReport(directory, "Dataset report", null, null);
  }

  /** What the report is of, shown as its heading (e.g. the inputs). */
  public WriteReport withTitle(String title) {
    check(title != null, "title can not be null");
    return new WriteReport(directory, title, failures, splitCounts);
  }

  /** The records that failed on the way, for the errors section. */
  public WriteReport withFailures(PCollection<FailedRecord> failures) {
    check(failures != null, "failures can not be null");
    return new WriteReport(directory, title, failures, splitCounts);
  }

  /**
   * Samples per split as (split, count) pairs, summed, replacing the splits of the profiles: for a
   * run whose splits are decided when its shards are planned.
   */
  public WriteReport withSplitCounts(PCollection<KV<String, Long>> splitCounts) {
    check(splitCounts != null, "splitCounts can not be null");
    return new WriteReport(directory, title, failures, splitCounts);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("output", directory).withLabel("Output folder"))
        .add(DisplayData.item("title", title).withLabel("Report title"));
  }

  @Override
  public PCollection<String> expand(PCollection<SampleProfile> profiles) {
    PCollection<FailedRecord> failed =
        failures != null ? failures : profiles.getPipeline().apply("No failures", Create.empty(FailedRecordCoder.of()));
    PCollectionView<ErrorFigures> errors =
        failed.apply(
            "Summarize errors",
            Combine.globally(Tally.<FailedRecord, ErrorFigures>combineFn(none -> new ErrorFigures(), new ErrorFigures.Coder()))
                .asSingletonView());
    PCollectionView<Map<String, Long>> splits =
        splitCounts == null ? null : splitCounts.apply("Sum split counts", Sum.longsPerKey()).apply("Split counts", View.asMap());
    ParDo.SingleOutput<DatasetFigures, String> write = ParDo.of(new WriteFn(directory, title, errors, splits));
    return profiles
        .apply("Summarize samples", Combine.globally(Tally.<SampleProfile, DatasetFigures>combineFn(none -> new DatasetFigures(), new DatasetFigures.Coder())))
        .apply("Write report", splits == null ? write.withSideInputs(errors) : write.withSideInputs(errors, splits))
        .setCoder(StringUtf8Coder.of());
  }

  /** The whole report.json document. */
  static ObjectNode reportJson(String title, DatasetFigures figures, ErrorFigures errors, @Nullable Map<String, Long> splits) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("title", title);
    root.setAll(figures.toJson(splits));
    root.set("errors", errors.toJson());
    return root;
  }

  static String text(ObjectNode json) {
    try {
      return WRITER.writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static final class WriteFn extends DoFn<DatasetFigures, String> {
    private final String directory;
    private final String title;
    private final PCollectionView<ErrorFigures> errors;
    private final @Nullable PCollectionView<Map<String, Long>> splits;

    WriteFn(String directory, String title, PCollectionView<ErrorFigures> errors, @Nullable PCollectionView<Map<String, Long>> splits) {
      this.directory = directory;
      this.title = title;
      this.errors = errors;
      this.splits = splits;
    }

    @ProcessElement
    public void process(@Element DatasetFigures figures, ProcessContext c) throws IOException {
      ObjectNode json = reportJson(title, figures, c.sideInput(errors), splits == null ? null : c.sideInput(splits));
      String text = text(json);
      String html = ReportHtml.render(json);
      ResourceId dir = AtomicFiles.directory(directory);
      AtomicFiles.write(AtomicFiles.resolve(dir, JSON_FILE), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
      AtomicFiles.write(AtomicFiles.resolve(dir, HTML_FILE), out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
      c.output(text);
    }
  }
}
