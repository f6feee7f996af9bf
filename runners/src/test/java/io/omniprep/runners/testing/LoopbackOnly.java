package io.omniprep.runners.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.Permission;
import java.util.Set;

/**
 * Installed in a child JVM with {@code -Djava.security.manager=io.omniprep.runners.testing.LoopbackOnly}
 * (Java 17 still honours it): permits everything, but appends every host name the JVM resolves
 * ({@code lookup HOST}) and every address it connects to ({@code connect HOST:PORT}) to the file
 * named by {@value #LOG_PROPERTY}. The JDK calls {@link #checkConnect} before each name lookup and
 * each socket or channel connect, whatever library makes it, so a test reads from the file both
 * that the watch was on (the connections to its loopback server are there) and that nothing else
 * was contacted.
 */
@SuppressWarnings("removal")
public final class LoopbackOnly extends SecurityManager {
  public static final String LOG_PROPERTY = "omniprep.test.network-log";
  private static final Set<String> LOOPBACK = Set.of("localhost", "::1", "0:0:0:0:0:0:0:1", "[::1]");

  private final Path log = Paths.get(System.getProperty(LOG_PROPERTY, "network-outside-loopback.log"));

  @Override
  public void checkPermission(Permission perm) {
    // Everything is allowed: this manager only watches connections.
  }

  @Override
  public void checkPermission(Permission perm, Object context) {
    // Everything is allowed: this manager only watches connections.
  }

  @Override
  public void checkConnect(String host, int port) {
    record(host, port);
  }

  @Override
  public void checkConnect(String host, int port, Object context) {
    record(host, port);
  }

  /** Whether a host as the JDK passes it (a name or a literal address) is a loopback one. */
  public static boolean isLoopback(String host) {
    return host.startsWith("127.") || LOOPBACK.contains(host.toLowerCase(java.util.Locale.ROOT));
  }

  private void record(String host, int port) {
    String line = (port < 0 ? "lookup " + host : "connect " + host + ":" + port) + "\n";
    try {
      Files.write(log, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
