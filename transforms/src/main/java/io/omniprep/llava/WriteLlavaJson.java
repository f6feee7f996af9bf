package io.omniprep.llava;

import static io.omniprep.util.Args.check;

import io.omniprep.io.ConcatenateParts;
import io.omniprep.io.TextShardFormat;
import io.omniprep.io.WriteTextShards;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.Sample;
import io.omniprep.shard.PlanShards;
import io.omniprep.shard.SampleOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import io.omniprep.util.CollectList;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes samples as JSON arrays of LLaVA (or ShareGPT) records, in record order, one record per
 * line. By default everything goes to one file, {@code DIR/NAME.json}: parts are written in
 * parallel and then concatenated in order, streaming. With {@code withMaxRecordsPerFile(n)} the
 * output is {@code DIR/NAME-000000.json}, ... instead, each a valid array. Outputs the file specs.
 */
public final class WriteLlavaJson extends PTransform<PCollection<Sample>, PCollection<String>> {
  private static final int PART_RECORDS = 20_000;

  private final String directory;
  private final String name;
  private final RecordStyle style;
  private final int maxRecordsPerFile;

  private WriteLlavaJson(String directory, String name, RecordStyle style, int maxRecordsPerFile) {
    this.directory = directory;
    this.name = name;
    this.style = style;
    this.maxRecordsPerFile = maxRecordsPerFile;
  }

  /** {@code directory/llava.json}, LLaVA style, one file. */
  public static WriteLlavaJson to(String directory) {
    check(directory != null && !directory.isEmpty(), "directory can not be empty");
    return new WriteLlavaJson(directory.replaceAll("/*$", ""), "llava", RecordStyle.LLAVA, 0);
  }

  public WriteLlavaJson withStyle(RecordStyle style) {
    check(style != null, "style can not be null");
    return new WriteLlavaJson(directory, name, style, maxRecordsPerFile);
  }

  /** The file name without {@code .json}. */
  public WriteLlavaJson withName(String name) {
    check(name != null && !name.isEmpty() && !name.contains("/"), "name must be a plain file name, was %s", name);
    return new WriteLlavaJson(directory, name, style, maxRecordsPerFile);
  }

  /** 0 (the default) for one file; otherwise numbered files of at most this many records. */
  public WriteLlavaJson withMaxRecordsPerFile(int maxRecordsPerFile) {
    check(maxRecordsPerFile >= 0, "maxRecordsPerFile can not be negative, was %s", maxRecordsPerFile);
    return new WriteLlavaJson(directory, name, style, maxRecordsPerFile);
  }

  @Override
  public PCollection<String> expand(PCollection<Sample> samples) {
    RecordStyle recordStyle = style;
    TextShardFormat.ItemWriter<Sample> writer = (s, out) -> LlavaRecords.write(s, recordStyle, out);
    var planned =
        samples.apply(
            "Order records",
            PlanShards.of(SampleOrder.inOneBucket()).withMaxItems(maxRecordsPerFile > 0 ? maxRecordsPerFile : PART_RECORDS));
    if (maxRecordsPerFile > 0) {
      return planned.apply(
          "Write files",
          WriteTextShards.to(directory, name + "-%06d.json", TextShardFormat.jsonArray(writer))
              .countingItemsAs(Counters.WRITTEN));
    }
    return planned
        .apply(
            "Write parts",
            WriteTextShards.to(partsDirectory(), "part-%06d", new PartFormat(writer)).countingItemsAs(Counters.WRITTEN))
        .apply("List parts", Combine.globally(CollectList.<String>create()))
        .apply("Concatenate parts", ParDo.of(new ConcatenateParts(directory + "/" + name + ".json", partsDirectory(), '[', ']')))
        .setCoder(StringUtf8Coder.of());
  }

  private String partsDirectory() {
    return directory + "/.omniprep-tmp/" + name;
  }

  /** Records separated by {@code ,\n}, without brackets: parts of one array. */
  private static final class PartFormat implements TextShardFormat<Sample> {
    private final ItemWriter<Sample> writer;

    PartFormat(ItemWriter<Sample> writer) {
      this.writer = writer;
    }

    @Override
    public void writeItem(Sample item, OutputStream out) throws IOException {
      writer.write(item, out);
    }

    @Override
    public byte[] separator() {
      return ",\n".getBytes(StandardCharsets.UTF_8);
    }
  }
}
