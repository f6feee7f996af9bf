package io.omniprep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.io.Folders;
import io.omniprep.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The parallelism a job on a Flink cluster gets when the user gives none. Beam's FlinkRunner
 * would use 1 (or the client's own flink-conf), whatever the cluster offers; we ask the cluster's
 * REST API: its {@code parallelism.default} when its configuration sets one, else every task slot
 * it has (Flink's own fallback, 1, is what users complained about).
 */
final class ClusterParallelism {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A parallelism and where it came from, for the line the CLI prints. */
  record Choice(int parallelism, String source) {}

  private ClusterParallelism() {}

  /**
   * The cluster's choice, or empty when {@code master} is no REST address ({@code [local]},
   * {@code [auto]}) or the cluster does not answer (the job's submission then reports it).
   */
  static Optional<Choice> of(String master) {
    if (master.startsWith("[")) {
      return Optional.empty();
    }
    String base = master.contains("://") ? master : "http://" + master;
    base = Folders.withoutTrailingSlash(base);
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      for (JsonNode entry : get(http, base + "/jobmanager/config")) {
        if (entry.path("key").asText().equals("parallelism.default")) {
          int p = Integer.parseInt(entry.path("value").asText().strip());
          if (p > 0) {
            return Optional.of(new Choice(p, "the cluster's parallelism.default"));
          }
        }
      }
      int slots = get(http, base + "/overview").path("slots-total").asInt(0);
      return slots > 0 ? Optional.of(new Choice(slots, "the cluster's task slots")) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }
}
