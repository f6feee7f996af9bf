package io.omniprep.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar with nothing but a manifest, for Beam's {@code --filesToStage} when the cluster has the
 * classes already ({@link ClusterJarOptions}): Beam stages the client's whole class path when the
 * list is empty, so the list names this. Written to the temporary folder, deleted when the JVM exits.
 */
final class EmptyJar {
  private static Path jar;

  private EmptyJar() {}

  static synchronized String path() {
    if (jar == null) {
      try {
        Path file = Files.createTempFile("omniprep-nothing-to-stage-", ".jar");
        file.toFile().deleteOnExit();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(file);
            JarOutputStream ignored = new JarOutputStream(out, manifest)) {
          // the manifest is the whole jar
        }
        jar = file;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write an empty jar for --filesToStage", e);
      }
    }
    return jar.toString();
  }
}
