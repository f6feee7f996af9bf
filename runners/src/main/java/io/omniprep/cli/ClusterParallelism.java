package io.omniprep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * The parallelism a job on a Flink cluster gets when the user gives none. Beam's FlinkRunner
 * would use 1 (or the client's own flink-conf), whatever the cluster offers; we ask the cluster's
 * REST API: its {@code parallelism.default} when its configuration sets one, else every task slot
 * it has (Flink's own fallback, 1, is what users complained about).
 */
final class ClusterParallelism {
  /** A parallelism and where it came from, for the line the CLI prints. */
  record Choice(int parallelism, String source) {}

  private ClusterParallelism() {}

  /**
   * The cluster's choice, or empty when {@code master} is no REST address ({@code [local]},
   * {@code [auto]}) or the cluster does not answer (the job's submission then reports it).
   */
  static Optional<Choice> of(String master) {
    Optional<FlinkRest> rest = FlinkRest.of(master);
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    try {
      for (JsonNode entry : rest.get().get("/jobmanager/config")) {
        if (entry.path("key").asText().equals("parallelism.default")) {
          int p = Integer.parseInt(entry.path("value").asText().strip());
          if (p > 0) {
            return Optional.of(new Choice(p, "the cluster's parallelism.default"));
          }
        }
      }
      int slots = rest.get().get("/overview").path("slots-total").asInt(0);
      return slots > 0 ? Optional.of(new Choice(slots, "the cluster's task slots")) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
