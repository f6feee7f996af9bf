package io.omniprep.stats;

import io.omniprep.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code SHARD_stats.json}, written beside each shard: how many samples it holds, its size on disk,
 * the samples that failed while it was written (by reason), and the count, min, max and mean of
 * each per-sample figure of the sample table; a figure no sample has (e.g. {@code duration} in an
 * image shard, the token lengths until they are computed) is null.
 */
public final class ShardStats {

  /** The figures summarised, by their name in the file (the sample table's column names). */
  private static final Map<String, Function<SampleRow, Number>> FIGURES = figures();

  private ShardStats() {}

  private static Map<String, Function<SampleRow, Number>> figures() {
    Map<String, Function<SampleRow, Number>> f = new java.util.LinkedHashMap<>();
    f.put("tar_bytes", SampleRow::tarBytes);
    f.put("media_bytes", SampleRow::mediaBytes);
    f.put("width", SampleRow::width);
    f.put("height", SampleRow::height);
    f.put("duration", SampleRow::duration);
    f.put("text_tokens", SampleRow::textTokens);
    f.put("image_tokens", SampleRow::imageTokens);
    f.put("video_tokens", SampleRow::videoTokens);
    f.put("total_tokens", SampleRow::totalTokens);
    return java.util.Collections.unmodifiableMap(f);
  }

  /** The file name beside shard {@code path}: {@code shard-000003.tar} → {@code shard-000003_stats.json}. */
  public static String pathFor(String shardPath) {
    return shardPath.substring(0, shardPath.length() - ".tar".length()) + "_stats.json";
  }

  /** The stats of shard {@code path} ({@code bytes} long) holding {@code rows}, with {@code failed} while written. */
  public static byte[] json(String path, String split, long bytes, List<SampleRow> rows, List<FailedRecord> failed) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("shard", path);
    root.put("split", split);
    root.put("samples", rows.size());
    root.put("bytes", bytes);
    root.put("failed", failed.size());
    Map<String, Integer> byReason = new TreeMap<>();
    for (FailedRecord f : failed) {
      byReason.merge(f.reason().code(), 1, Integer::sum);
    }
    ObjectNode reasons = root.putObject("failedByReason");
    byReason.forEach(reasons::put);
    ObjectNode figures = root.putObject("figures");
    FIGURES.forEach((name, figure) -> summarise(figures, name, rows, figure));
    try {
      return (Json.INDENTED.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void summarise(ObjectNode figures, String name, List<SampleRow> rows, Function<SampleRow, Number> figure) {
    long count = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    boolean integral = true;
    for (SampleRow row : rows) {
      Number value = figure.apply(row);
      if (value == null) {
        continue;
      }
      integral &= !(value instanceof Double);
      double v = value.doubleValue();
      count++;
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    if (count == 0) {
      figures.putNull(name);
      return;
    }
    ObjectNode o = figures.putObject(name);
    o.put("count", count);
    if (integral) {
      o.put("min", (long) min);
      o.put("max", (long) max);
    } else {
      o.put("min", min);
      o.put("max", max);
    }
    o.put("mean", sum / count);
  }
}
