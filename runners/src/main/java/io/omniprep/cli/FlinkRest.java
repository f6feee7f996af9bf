package io.omniprep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniprep.io.Folders;
import io.omniprep.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A Flink cluster's REST API, at the address {@code --flinkMaster} names. */
final class FlinkRest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String base;

  private FlinkRest(String base) {
    this.base = base;
  }

  /** The cluster {@code master} names; empty for {@code [local]}, {@code [auto]} and the like, which are no address. */
  static Optional<FlinkRest> of(String master) {
    if (master.startsWith("[")) {
      return Optional.empty();
    }
    return Optional.of(new FlinkRest(Folders.withoutTrailingSlash(master.contains("://") ? master : "http://" + master)));
  }

  /** The JSON answer to GET {@code path}; an answer other than 200 is an IOException. */
  JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(base + path + " answered " + response.statusCode());
    }
    return Json.MAPPER.readTree(response.body());
  }
}
