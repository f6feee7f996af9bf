package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled jar carries every runner and filesystem with their registrars merged, and they
 * resolve from the jar alone: it is loaded in a class loader that sees nothing else (not this
 * test's class path), and Beam is asked to parse options and resolve paths there.
 */
class BundledJarIT {
  private static final Path JAR = Paths.get(System.getProperty("omniprep.jar", "target/omniprep.jar"));
  private static URLClassLoader jarOnly;

  @BeforeAll
  static void loadTheJarAlone() throws IOException {
    jarOnly = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void close() throws IOException {
    jarOnly.close();
  }

  @Test
  void servicesListEveryRunnerAndFilesystemAndTheOptionsStartUpNeeds() throws IOException {
    assertTrue(
        services("org.apache.beam.sdk.runners.PipelineRunnerRegistrar").containsAll(List.of(
            "org.apache.beam.runners.direct.DirectRegistrar$Runner",
            "org.apache.beam.runners.flink.FlinkRunnerRegistrar$Runner",
            "org.apache.beam.runners.dataflow.DataflowPipelineRegistrar$Runner")));
    assertTrue(
        services("org.apache.beam.sdk.io.FileSystemRegistrar").containsAll(List.of(
            "org.apache.beam.sdk.io.LocalFileSystemRegistrar",
            "org.apache.beam.sdk.extensions.gcp.storage.GcsFileSystemRegistrar",
            "org.apache.beam.sdk.io.aws2.s3.S3FileSystemRegistrar")));
    // Only the options start-up needs: the CLI registers the runners' and GCP's when a job needs them.
    assertEquals(
        Set.of(
            "org.apache.beam.sdk.options.DefaultPipelineOptionsRegistrar",
            "org.apache.beam.sdk.io.aws2.options.AwsPipelineOptionsRegistrar"),
        services("org.apache.beam.sdk.options.PipelineOptionsRegistrar"));
  }

  /**
   * The launcher starts the jar with the class-data archive the build made beside it: with
   * {@code -Xshare:on} the JVM refuses to start unless the archive maps and matches the jar.
   */
  @Test
  void theLauncherUsesTheClassDataArchive() throws Exception {
    Path launcher = Path.of(System.getProperty("omniprep.testdata")).resolveSibling("runners/omniprep");
    ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "--help").redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("OMNIPREP_JAR", JAR.toAbsolutePath().toString());
    builder.environment().put("OMNIPREP_JAVA_OPTS", "-Xshare:on");
    Process run = builder.start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(run.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, run.exitValue(), output);
    assertTrue(output.contains("pipelines:"), output);
  }

  @ParameterizedTest
  @CsvSource({
    "DirectRunner,   org.apache.beam.runners.direct.DirectRunner",
    "FlinkRunner,    org.apache.beam.runners.flink.FlinkRunner",
    "DataflowRunner, org.apache.beam.runners.dataflow.DataflowRunner"
  })
  void theRunnerOptionResolves(String name, String runnerClass) throws Exception {
    Object options = parse("--runner=" + name);

    Class<?> runner = (Class<?>) options.getClass().getMethod("getRunner").invoke(options);
    assertEquals(runnerClass, runner.getName());
  }

  @ParameterizedTest
  @CsvSource({
    "gs://bucket/a/b.json, org.apache.beam.sdk.extensions.gcp.storage.GcsResourceId",
    "s3://bucket/a/b.json, org.apache.beam.sdk.io.aws2.s3.S3ResourceId",
    "/tmp/a/b.json,        org.apache.beam.sdk.io.LocalResourceId"
  })
  void everySchemeHasItsFilesystem(String path, String resourceClass) throws Exception {
    Object options = parse();
    Class<?> fileSystems = jarOnly.loadClass("org.apache.beam.sdk.io.FileSystems");
    Class<?> pipelineOptions = jarOnly.loadClass("org.apache.beam.sdk.options.PipelineOptions");
    withJarContext(() -> fileSystems.getMethod("setDefaultPipelineOptions", pipelineOptions).invoke(null, options));

    Object resource = withJarContext(() -> fileSystems.getMethod("matchNewResource", String.class, boolean.class).invoke(null, path, false));
    assertEquals(resourceClass, resource.getClass().getName());
  }

  @Test
  void thePathStyleS3FactoryIsABeamS3ClientFactory() throws Exception {
    Class<?> factory = jarOnly.loadClass("io.omniprep.runners.PathStyleS3ClientBuilderFactory");
    Class<?> contract = jarOnly.loadClass("org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory");

    assertTrue(contract.isAssignableFrom(factory));
    assertTrue(Arrays.stream(factory.getConstructors()).anyMatch(c -> c.getParameterCount() == 0), "Beam instantiates it by name");
  }

  /**
   * Flink's RPC system (Pekko) loads from the jar's own class path, where the class-data archive
   * serves it, instead of from a jar Flink would unpack into the temporary folder on every start.
   */
  @Test
  void flinksRpcSystemLoadsFromTheJarItself() throws Exception {
    assertTrue(services("org.apache.flink.runtime.rpc.RpcSystemLoader").contains("io.omniprep.runners.ClasspathRpcSystemLoader"));
    Object loader = jarOnly.loadClass("io.omniprep.runners.ClasspathRpcSystemLoader").getConstructor().newInstance();
    Object config = jarOnly.loadClass("org.apache.flink.configuration.Configuration").getConstructor().newInstance();

    Object rpcSystem = withJarContext(() -> loader.getClass().getMethod("loadRpcSystem", config.getClass()).invoke(loader, config));
    try {
      assertEquals("org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem", rpcSystem.getClass().getName());
      assertSame(jarOnly, rpcSystem.getClass().getClassLoader());
    } finally {
      ((AutoCloseable) rpcSystem).close();
    }
  }

  @Test
  void theManifestStartsTheCli() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertEquals("io.omniprep.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }

  /** {@code PipelineOptionsFactory.fromArgs(args).create()} inside the jar-only class loader. */
  private static Object parse(String... args) throws Exception {
    Class<?> factory = jarOnly.loadClass("org.apache.beam.sdk.options.PipelineOptionsFactory");
    return withJarContext(() -> {
      // GCP's options, as the CLI registers them for a gs:// path.
      factory.getMethod("register", Class.class).invoke(null, jarOnly.loadClass("org.apache.beam.sdk.extensions.gcp.options.GcpOptions"));
      // A fixed region and no GCP credentials: nothing may look for either on the network.
      String[] all = Stream.concat(
              Stream.of("--awsRegion=us-east-1", "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory"),
              Arrays.stream(args))
          .toArray(String[]::new);
      Object builder = factory.getMethod("fromArgs", String[].class).invoke(null, (Object) all);
      return builder.getClass().getMethod("create").invoke(builder);
    });
  }

  private interface Call {
    Object call() throws Exception;
  }

  /** Beam finds registrars through the context class loader. */
  private static Object withJarContext(Call call) throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(jarOnly);
    try {
      return call.call();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static Set<String> services(String service) throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      ZipEntry entry = jar.getEntry("META-INF/services/" + service);
      assertTrue(entry != null, "no META-INF/services/" + service);
      try (InputStream in = jar.getInputStream(entry)) {
        Set<String> names = new TreeSet<>();
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank() && !line.trim().startsWith("#")) {
            names.add(line.trim());
          }
        }
        return names;
      }
    }
  }
}
