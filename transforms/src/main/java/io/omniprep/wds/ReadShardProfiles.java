package io.omniprep.wds;

import io.omniprep.report.MeasureMedia;
import io.omniprep.report.SampleProfile;
import static io.omniprep.util.Args.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.Globs;
import io.omniprep.metrics.Counters;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Profiles of the samples in WebDataset shards omniprep wrote, for a report of a dataset that is
 * already sharded. Each input is a folder (ending in {@code /}: the shards its {@code
 * .nv-meta/split.yaml} lists, or its {@code *.tar} without one) or shard files ({@code DIR/*.tar});
 * the split of each shard comes from the {@code split.yaml} of the folder. Shards are read in
 * parallel, each in one streaming pass.
 *
 * <pre>{@code
 * p.apply(ReadShardProfiles.from(List.of("gs://bucket/wds/"))).apply(WriteReport.to(out));
 * }</pre>
 */
public final class ReadShardProfiles extends PTransform<PBegin, PCollection<SampleProfile>> {
  private static final String SPLIT_YAML = ".nv-meta/split.yaml";

  private final List<String> inputs;

  private ReadShardProfiles(List<String> inputs) {
    this.inputs = List.copyOf(inputs);
  }

  public static ReadShardProfiles from(List<String> inputs) {
    check(inputs != null && !inputs.isEmpty(), "inputs can not be empty");
    return new ReadShardProfiles(inputs);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("inputs", String.join(",", inputs)).withLabel("Shard folders or patterns"));
  }

  @Override
  public PCollection<SampleProfile> expand(PBegin begin) {
    return begin
        .apply("Shard inputs", Create.of(inputs).withCoder(StringUtf8Coder.of()))
        .apply("List shards", ParDo.of(new ListShardsFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("Spread shards", Reshuffle.viaRandomKey())
        .apply("Read shards", ParDo.of(new ReadShardFn()));
  }

  /** A folder or pattern → (shard file, split) for every shard it names. */
  private static final class ListShardsFn extends DoFn<String, KV<String, String>> {
    @ProcessElement
    public void process(@Element String input, OutputReceiver<KV<String, String>> out) throws IOException {
      boolean folder = input.endsWith("/");
      String root = folder ? input : Globs.fixedFolder(input);
      Map<String, String> splits = splits(root);
      if (folder && !splits.isEmpty()) {
        splits.forEach((shard, split) -> out.output(KV.of(root + shard, split)));
        return;
      }
      MatchResult match = FileSystems.match(List.of(folder ? root + "*.tar" : input), EmptyMatchTreatment.DISALLOW).get(0);
      for (MatchResult.Metadata m : match.metadata()) {
        String spec = m.resourceId().toString();
        String relative = spec.startsWith(root) ? spec.substring(root.length()) : spec;
        out.output(KV.of(spec, splits.getOrDefault(relative, "")));
      }
    }

    /** Shard path (relative to the folder) → split, from the folder's split.yaml; empty without one. */
    private static Map<String, String> splits(String root) throws IOException {
      Map<String, String> splits = new TreeMap<>();
      ResourceId file = AtomicFiles.resolve(AtomicFiles.directory(root), SPLIT_YAML);
      if (!AtomicFiles.exists(file)) {
        return splits;
      }
      JsonNode yaml;
      try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
        yaml = new ObjectMapper(new YAMLFactory()).readTree(in);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = yaml.path("split_parts").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> part = it.next();
        for (JsonNode shard : part.getValue()) {
          splits.put(shard.asText(), part.getKey());
        }
      }
      return splits;
    }
  }

  private static final class ReadShardFn extends DoFn<KV<String, String>, SampleProfile> {
    private final ShardSamples shards = new ShardSamples(new MeasureMedia());

    @ProcessElement
    public void process(@Element KV<String, String> shard, OutputReceiver<SampleProfile> out) throws IOException {
      try (InputStream in = new BufferedInputStream(
          Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(shard.getKey(), false))), 1 << 16)) {
        shards.read(in, shard.getKey(), shard.getValue(), profile -> {
          Counters.read().inc();
          out.output(profile);
        });
      }
    }
  }
}
