package io.omniprep.runners.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1, for servers a test starts in other processes. The system may hand
 * out a port it just freed again, and the servers bind theirs only later: two servers of one
 * cluster then got the same port (a Flink REST endpoint failed to bind, and its polls reached a
 * TaskManager's RPC port). So no port is handed out twice in one test JVM.
 */
public final class FreePorts {
  private static final Set<Integer> GIVEN = new HashSet<>();

  private FreePorts() {}

  public static synchronized int next() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
