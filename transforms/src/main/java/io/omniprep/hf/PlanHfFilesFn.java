package io.omniprep.hf;

import io.omniprep.table.TableFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Row counts from Parquet footers (no rows are read), so every file's first stream index is known.
 */
final class PlanHfFilesFn {
  private PlanHfFilesFn() {}

  /** {@code KV(config, file)} to {@code KV(config, KV(file, rows))}. */
  static final class CountRows extends DoFn<KV<String, String>, KV<String, KV<String, Long>>> {
    @ProcessElement
    public void process(
        @Element KV<String, String> file, OutputReceiver<KV<String, KV<String, Long>>> out)
        throws IOException {
      MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(file.getValue());
      out.output(KV.of(file.getKey(), KV.of(file.getValue(), TableFiles.parquetRowCount(meta))));
    }
  }

  /**
   * All files' counts to placed files: per config, files in path order, rows numbered across them.
   */
  static final class Place extends DoFn<List<KV<String, KV<String, Long>>>, HfFile> {
    @ProcessElement
    public void process(
        @Element List<KV<String, KV<String, Long>>> counts, OutputReceiver<HfFile> out) {
      List<KV<String, KV<String, Long>>> sorted = new ArrayList<>(counts);
      sorted.sort(
          Comparator.comparing((KV<String, KV<String, Long>> c) -> c.getKey())
              .thenComparing(c -> c.getValue().getKey()));
      String config = null;
      int fileIndex = 0;
      long firstRow = 0;
      for (KV<String, KV<String, Long>> c : sorted) {
        if (!c.getKey().equals(config)) {
          config = c.getKey();
          fileIndex = 0;
          firstRow = 0;
        }
        out.output(new HfFile(config, c.getValue().getKey(), fileIndex++, firstRow));
        firstRow += c.getValue().getValue();
      }
    }
  }
}
