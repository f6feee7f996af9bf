package io.omniprep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * {@code --version}: omniprep's version and the Beam and Flink it carries, each read from the class
 * path (Maven's {@code pom.properties} of our modules, Beam's release info, Flink's version file),
 * so the answer is the jar's own, whatever was built.
 */
final class Version {
  private static final List<String> MODULES = List.of("omniprep-runners", "omniprep-pipelines", "omniprep-options", "omniprep-transforms");

  private Version() {}

  static String text() {
    return "omniprep " + omniprep() + "\n"
        + "Apache Beam " + ReleaseInfo.getReleaseInfo().getVersion() + "\n"
        + "Apache Flink " + EnvironmentInformation.getVersion() + "\n"
        + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")\n";
  }

  /** The version Maven wrote into our modules' jars, or "unknown" when running from class folders. */
  static String omniprep() {
    ClassLoader loader = Version.class.getClassLoader();
    for (String module : MODULES) {
      try (InputStream in = loader.getResourceAsStream("META-INF/maven/io.omniprep/" + module + "/pom.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          String version = p.getProperty("version");
          if (version != null && !version.isBlank()) {
            return version.strip();
          }
        }
      } catch (IOException e) {
        // try the next module
      }
    }
    String manifest = Version.class.getPackage().getImplementationVersion();
    return manifest != null ? manifest : "unknown";
  }
}
