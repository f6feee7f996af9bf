package io.omniprep.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.io.AtomicFiles;
import io.omniprep.json.Json;
import io.omniprep.metrics.Counters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The end-of-run summary, from the job's Beam counters: {@code read}, {@code written}, {@code
 * failed}, {@code failedByReason}, {@code duplicateIds} and every other omniprep counter. It is
 * written to {@code OUTPUT/_SUMMARY.json}. Runners that only report attempted metrics (Flink) are
 * read as such.
 */
public final class RunSummary {
  private static final ObjectMapper JSON = Json.MAPPER;

  private final Map<String, Long> counters;

  private RunSummary(Map<String, Long> counters) {
    this.counters = counters;
  }

  /** Reads the counters of a finished job. */
  public static RunSummary of(PipelineResult result) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(Counters.NAMESPACE)).build());
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      counters.merge(c.getName().getName(), value(c), Long::sum);
    }
    return new RunSummary(counters);
  }

  private static long value(MetricResult<Long> counter) {
    try {
      Long committed = counter.getCommitted();
      return committed != null ? committed : counter.getAttempted();
    } catch (UnsupportedOperationException e) {
      return counter.getAttempted();
    }
  }

  public long get(String counter) {
    return counters.getOrDefault(counter, 0L);
  }

  public long read() {
    return get(Counters.READ);
  }

  public long written() {
    return get(Counters.WRITTEN);
  }

  public long failed() {
    return get(Counters.FAILED);
  }

  /** The reasons records failed for, each with its count (none when nothing failed), by name. */
  public Map<String, Long> failedByReason() {
    Map<String, Long> reasons = new TreeMap<>();
    counters.forEach((name, count) -> {
      if (name.startsWith(Counters.FAILED_PREFIX) && count > 0) {
        reasons.put(name.substring(Counters.FAILED_PREFIX.length()), count);
      }
    });
    return reasons;
  }

  /**
   * Whether every record ended in exactly one place: read + created = written + failed + dropped
   * (created and dropped are zero except in mixtures, see {@link Counters}).
   */
  public boolean balanced() {
    return read() + get(Counters.CREATED) == written() + failed() + get(Counters.DROPPED);
  }

  public ObjectNode toJson(String pipeline) {
    ObjectNode root = JSON.createObjectNode();
    root.put("pipeline", pipeline);
    root.put("read", read());
    root.put("written", written());
    root.put("failed", failed());
    if (get(Counters.CREATED) != 0 || get(Counters.DROPPED) != 0) {
      root.put("created", get(Counters.CREATED));
      root.put("dropped", get(Counters.DROPPED));
    }
    ObjectNode byReason = root.putObject("failedByReason");
    ObjectNode other = JSON.createObjectNode();
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      String name = e.getKey();
      if (name.startsWith(Counters.FAILED_PREFIX)) {
        byReason.put(name.substring(Counters.FAILED_PREFIX.length()), e.getValue());
      } else if (!List.of(Counters.READ, Counters.WRITTEN, Counters.FAILED, Counters.DUPLICATE_IDS, Counters.CREATED,
          Counters.DROPPED).contains(name)) {
        other.put(name, e.getValue());
      }
    }
    root.put("duplicateIds", get(Counters.DUPLICATE_IDS));
    root.put("balanced", balanced());
    root.set("counters", other);
    return root;
  }

  /** A human line: {@code convert: read 12, written 10, failed 2 (malformed_json 1, ...) -> OUT}. */
  public String oneLine(String pipeline, String output) {
    String reasons = failedByReason().isEmpty() ? "" : " (" + reasonCounts() + ")";
    String createdDropped =
        get(Counters.CREATED) != 0 || get(Counters.DROPPED) != 0
            ? ", created " + get(Counters.CREATED) + ", dropped " + get(Counters.DROPPED)
            : "";
    return pipeline + ": read " + read() + createdDropped + ", written " + written() + ", failed " + failed() + reasons
        + (get(Counters.DUPLICATE_IDS) > 0 ? ", duplicate ids " + get(Counters.DUPLICATE_IDS) : "")
        + " -> " + output;
  }

  /** The failure reasons with their counts, as in {@code media_corrupt 1, path_traversal 1}. */
  public String reasonCounts() {
    StringBuilder text = new StringBuilder();
    failedByReason().forEach((reason, count) -> text.append(text.length() == 0 ? "" : ", ").append(reason).append(' ').append(count));
    return text.toString();
  }

  /** Writes {@code OUTPUT/_SUMMARY.json} and returns its text. */
  public String write(String outputDirectory, String pipeline) throws IOException {
    String text = Json.INDENTED.writeValueAsString(toJson(pipeline)) + "\n";
    AtomicFiles.write(
        AtomicFiles.resolve(FileSystems.matchNewResource(outputDirectory, true), "_SUMMARY.json"),
        out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return text;
  }
}
