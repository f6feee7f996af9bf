package io.omniprep.pipelines;

import io.omniprep.errors.FailedRecord;
import io.omniprep.report.SampleProfile;
import io.omniprep.report.WriteReport;
import io.omniprep.util.CollectList;
import io.omniprep.wds.ShardInfo;
import io.omniprep.wds.ShardSplits;
import io.omniprep.wds.Splits;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/** {@code --report}: the dataset report of a run's validated samples, beside its output. */
final class Reports {
  private Reports() {}

  /** A report of samples that end in shards, measured where they were written: samples per split as the shards were written. */
  static void ofShardProfiles(
      PCollection<SampleProfile> profiles, PCollection<FailedRecord> failures, PCollection<ShardInfo> shards, Splits splits, String output,
      String title) {
    PCollection<KV<String, Long>> perSplit =
        shards
            .apply("Gather shards for the report", Combine.globally(CollectList.<ShardInfo>create()))
            .apply("Samples per split", ParDo.of(new SamplesPerSplitFn(splits)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    profiles.apply("Report", WriteReport.to(output).withTitle(title).withFailures(failures).withSplitCounts(perSplit));
  }

  /** A report of samples written as JSON (no splits), measured where they were written. */
  static void ofProfiles(PCollection<SampleProfile> profiles, PCollection<FailedRecord> failures, String output, String title) {
    profiles.apply("Report", WriteReport.to(output).withTitle(title).withFailures(failures));
  }

  private static final class SamplesPerSplitFn extends DoFn<List<ShardInfo>, KV<String, Long>> {
    private final Splits splits;

    SamplesPerSplitFn(Splits splits) {
      this.splits = splits;
    }

    @ProcessElement
    public void process(@Element List<ShardInfo> shards, OutputReceiver<KV<String, Long>> out) {
      for (Map.Entry<String, Long> e : ShardSplits.sampleCounts(shards, splits).entrySet()) {
        if (e.getValue() > 0) {
          out.output(KV.of(e.getKey(), e.getValue()));
        }
      }
    }
  }
}
