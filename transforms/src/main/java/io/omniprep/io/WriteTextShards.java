package io.omniprep.io;

import static io.omniprep.util.Args.check;

import io.omniprep.shard.ShardId;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import io.omniprep.metrics.Counters;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes each planned shard ({@link io.omniprep.shard.PlanShards}) as one text file, atomically,
 * named by a {@code String.format} pattern of the shard number. Outputs the written file specs.
 */
public final class WriteTextShards<T> extends PTransform<PCollection<KV<ShardId, List<T>>>, PCollection<String>> {
  private final String directory;
  private final String namePattern;
  private final TextShardFormat<T> format;
  private final @Nullable String itemCounter;

  private WriteTextShards(
      String directory, String namePattern, TextShardFormat<T> format, @Nullable String itemCounter) {
    this.directory = directory;
    this.namePattern = namePattern;
    this.format = format;
    this.itemCounter = itemCounter;
  }

  /** Files {@code directory/String.format(namePattern, shardNumber)}. */
  public static <T> WriteTextShards<T> to(String directory, String namePattern, TextShardFormat<T> format) {
    check(directory != null && !directory.isEmpty(), "directory can not be empty");
    check(namePattern != null && namePattern.contains("%"), "namePattern needs a %%d for the shard number, was %s", namePattern);
    return new WriteTextShards<>(directory, namePattern, format, null);
  }

  /** Counts each item under this omniprep counter once its file is written. */
  public WriteTextShards<T> countingItemsAs(String itemCounter) {
    return new WriteTextShards<>(directory, namePattern, format, itemCounter);
  }

  @Override
  public PCollection<String> expand(PCollection<KV<ShardId, List<T>>> shards) {
    return shards
        .apply("Write files", ParDo.of(new WriteFn<>(directory, namePattern, format, itemCounter)))
        .setCoder(StringUtf8Coder.of());
  }

  private static final class WriteFn<T> extends DoFn<KV<ShardId, List<T>>, String> {
    private final String directory;
    private final String namePattern;
    private final TextShardFormat<T> format;
    private final @Nullable String itemCounter;

    WriteFn(String directory, String namePattern, TextShardFormat<T> format, @Nullable String itemCounter) {
      this.directory = directory;
      this.namePattern = namePattern;
      this.format = format;
      this.itemCounter = itemCounter;
    }

    @ProcessElement
    public void process(@Element KV<ShardId, List<T>> shard, OutputReceiver<String> out) throws IOException {
      String name = String.format(Locale.ROOT, namePattern, shard.getKey().number());
      var file = AtomicFiles.resolve(AtomicFiles.directory(directory), name);
      AtomicFiles.write(file, o -> writeShard(shard.getValue(), o));
      if (itemCounter != null) {
        Counters.named(itemCounter).inc(shard.getValue().size());
      }
      out.output(file.toString());
    }

    private void writeShard(List<T> items, OutputStream out) throws IOException {
      out.write(format.header());
      boolean first = true;
      for (T item : items) {
        if (!first) {
          out.write(format.separator());
        }
        first = false;
        format.writeItem(item, out);
      }
      out.write(format.footer());
    }
  }
}
