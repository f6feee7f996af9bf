package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parallelism a job gets on a Flink cluster without --parallelism, asked of a REST server on loopback. */
class ClusterParallelismTest {
  private HttpServer server;
  private final List<String> notes = new ArrayList<>();

  /** A server answering Flink's two REST paths with the given bodies. */
  private String cluster(Map<String, String> bodies) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    bodies.forEach((path, body) -> server.createContext(path, exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }));
    server.start();
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private List<String> defaults(String... args) {
    return CliOptions.withClusterParallelism(List.of(args), notes::add);
  }

  @Test
  void theClustersParallelismDefaultIsUsedAndTold() throws IOException {
    String master = cluster(Map.of(
        "/jobmanager/config", "[{\"key\":\"rest.port\",\"value\":\"8081\"},{\"key\":\"parallelism.default\",\"value\":\"6\"}]",
        "/overview", "{\"taskmanagers\":2,\"slots-total\":4}"));

    List<String> args = defaults("--runner=FlinkRunner", "--flinkMaster=" + master);

    assertEquals("--parallelism=6", args.get(args.size() - 1));
    assertEquals(List.of("parallelism 6 (the cluster's parallelism.default at " + master + "; --parallelism=N to choose)"), notes);
  }

  @Test
  void withoutAParallelismDefaultEverySlotIsUsed() throws IOException {
    String master = cluster(Map.of(
        "/jobmanager/config", "[{\"key\":\"rest.port\",\"value\":\"8081\"}]",
        "/overview", "{\"taskmanagers\":2,\"slots-total\":4}"));

    List<String> args = defaults("--runner=FlinkRunner", "--flinkMaster=http://" + master + "/");

    assertEquals("--parallelism=4", args.get(args.size() - 1));
  }

  @Test
  void theUsersParallelismAndOtherRunnersAreLeftAlone() throws IOException {
    String master = cluster(Map.of("/jobmanager/config", "[{\"key\":\"parallelism.default\",\"value\":\"6\"}]"));
    List<String> given = List.of("--runner=FlinkRunner", "--flinkMaster=" + master, "--parallelism=3");
    List<String> direct = List.of("--runner=DirectRunner", "--flinkMaster=" + master);
    List<String> local = List.of("--runner=FlinkRunner", "--flinkMaster=[local]");

    assertEquals(given, defaults(given.toArray(String[]::new)));
    assertEquals(direct, defaults(direct.toArray(String[]::new)));
    assertEquals(local, defaults(local.toArray(String[]::new)));
    assertEquals(List.of(), notes);
  }

  @Test
  void aClusterThatDoesNotAnswerLeavesTheChoiceToTheRunner() throws IOException {
    String master = cluster(Map.of());  // every path 404

    List<String> args = List.of("--runner=FlinkRunner", "--flinkMaster=" + master);

    assertEquals(args, defaults(args.toArray(String[]::new)));
  }
}
