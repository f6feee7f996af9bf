package io.omniprep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Which build of omniprep a class path holds: the id {@code mvn package} writes into both
 * omniprep.jar and omniprep-cluster.jar (the version and a hash of every module's classes, see
 * runners/pom.xml), read from one small resource, once. With {@code --jarOnCluster} the client's id
 * travels with the job ({@link ClusterJarOptions#getClientBuild}) and the cluster compares it with its
 * own ({@link BuildCheckFn}).
 */
final class BuildId {
  /** Beside this class, so that it is found wherever the class is. */
  static final String RESOURCE = "build-id";

  /** What a user does about a cluster jar of another build. */
  static final String REMEDY = "Copy runners/target/omniprep-cluster.jar of the client's build (flink-lib/omniprep-cluster.jar of"
      + " its release) into lib/ of the JobManager and every TaskManager and restart them, or submit without --jarOnCluster";

  private static String current;

  private BuildId() {}

  /** This class path's id, or {@code unknown} when the classes were not built by {@code mvn package}. */
  static synchronized String current() {
    if (current == null) {
      try (InputStream in = BuildId.class.getResourceAsStream(RESOURCE)) {
        current = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read omniprep's build id", e);
      }
    }
    return current;
  }

  /** Fails when the cluster's build is not the client's, saying both and what to do. */
  static void requireSame(String client, String cluster) {
    if (!cluster.equals(client)) {
      throw new IllegalStateException("omniprep-cluster.jar on the Flink cluster is from another build than this omniprep"
          + " (cluster " + cluster + ", client " + client + "): it would run other code than the client's, so the job"
          + " stopped before reading its input. " + REMEDY);
    }
  }
}
