package io.omniprep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.json.Json;
import io.omniprep.metrics.Counters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.util.VarInt;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The counts of a job running on a Flink cluster, from its REST API while Beam's FlinkRunner waits
 * for the job in {@code run()}. Beam keeps a job's metrics in a Flink accumulator, which every
 * TaskManager reports with its heartbeat; {@code /jobs/ID/accumulators} shows the cluster's merge
 * as Beam's JSON of monitoring infos: a user counter is a {@code sum_int64} whose payload is the
 * value as a base64 varint. The job is found by its name ({@code --jobName}, unique by default).
 * Beam's batch translation for Flink moves a task's counters into the accumulator when its bundle
 * ends, which is when the task's partition is done: the counts move in steps as tasks finish.
 */
final class FlinkJobCounts implements JobCounts {
  private static final String ACCUMULATOR = "__metricscontainers";
  private static final String SUM = "beam:metric:user:sum_int64:v1";
  private static final Set<String> ENDED = Set.of("FINISHED", "FAILED", "CANCELED");
  private static final Set<String> NAMESPACES = Set.of(Counters.NAMESPACE, Counters.PROGRESS_NAMESPACE);

  private final FlinkRest rest;
  private final String jobName;
  private @Nullable String jobId;

  FlinkJobCounts(FlinkRest rest, String jobName) {
    this.rest = rest;
    this.jobName = jobName;
  }

  @Override
  public synchronized Optional<Counts> now() {
    try {
      if (jobId == null) {
        jobId = newestJobNamed(rest.get("/jobs/overview"), jobName);
        if (jobId == null) {
          return Optional.empty(); // not submitted yet
        }
      }
      for (JsonNode accumulator : rest.get("/jobs/" + jobId + "/accumulators").path("user-task-accumulators")) {
        if (accumulator.path("name").asText().equals(ACCUMULATOR)) {
          return Optional.of(Counts.of(counters(accumulator.path("value").asText())));
        }
      }
      return Optional.of(Counts.NONE); // running, no counter reported yet
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the cluster did not answer this time: the line keeps the last counts
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The newest job named {@code name} that has not ended: an earlier run's under the same --jobName is no one's progress. */
  private static @Nullable String newestJobNamed(JsonNode overview, String name) {
    String id = null;
    long newest = Long.MIN_VALUE;
    for (JsonNode job : overview.path("jobs")) {
      if (job.path("name").asText().equals(name) && !ENDED.contains(job.path("state").asText())
          && job.path("start-time").asLong() > newest) {
        newest = job.path("start-time").asLong();
        id = job.path("jid").asText();
      }
    }
    return id;
  }

  /** Beam's user counters in our namespaces, summed by name over the steps that count them. */
  static Map<String, Long> counters(String monitoringInfosJson) throws IOException {
    Map<String, Long> byName = new TreeMap<>();
    for (JsonNode info : Json.MAPPER.readTree(monitoringInfosJson).path("metrics").path("attempted")) {
      JsonNode labels = info.path("labels");
      if (info.path("urn").asText().equals(SUM) && NAMESPACES.contains(labels.path("NAMESPACE").asText())) {
        long value = VarInt.decodeLong(new ByteArrayInputStream(Base64.getDecoder().decode(info.path("payload").asText())));
        byName.merge(labels.path("NAME").asText(), value, Long::sum);
      }
    }
    return byName;
  }
}
