package io.omniprep.runners;

import java.util.ServiceLoader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

/**
 * Loads Flink's RPC system (Pekko) from the application class path. Flink's own loader unpacks a
 * 22 MB jar of Pekko and Scala into the temporary folder whenever embedded Flink starts and loads
 * its ~900 classes through a private class loader, where the JVM's class-data archive cannot serve
 * them: about a second of every job on two cores. The bundled jar carries those classes instead of
 * that nested jar (nothing else in it uses Pekko or Scala), so they load from the archive. Flink
 * tries this loader first; on a plain class path that still has the nested jar, it falls back to
 * its own.
 */
public final class ClasspathRpcSystemLoader implements RpcSystemLoader {
  /** Flink's own loader has priority 0; lower goes first. */
  private static final int BEFORE_FLINKS_OWN = -1;

  @Override
  public int getLoadPriority() {
    return BEFORE_FLINKS_OWN;
  }

  @Override
  public RpcSystem loadRpcSystem(Configuration config) {
    return ServiceLoader.load(RpcSystem.class, ClasspathRpcSystemLoader.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new RpcLoaderException("Flink's RPC system is not on the class path"));
  }
}
