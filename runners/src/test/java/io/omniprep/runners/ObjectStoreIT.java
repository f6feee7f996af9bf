package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.omniprep.runners.testing.ChildProcesses;
import io.omniprep.runners.testing.CliRuns;
import io.omniprep.runners.testing.CliRuns.Result;
import io.omniprep.runners.testing.FakeGcs;
import io.omniprep.runners.testing.ItWork;
import io.omniprep.runners.testing.Outputs;
import io.omniprep.runners.testing.PipelineCase;
import io.omniprep.runners.testing.S3Mock;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pipelines reading their input JSON and media from, and writing every output to, {@code s3://}
 * (a real S3-API server, s3mock, in its own process) and {@code gs://} (Beam's GCS filesystem
 * against {@link FakeGcs}: a FAKE of the JSON API in this JVM, not an emulator, since none can be
 * installed here). The bundled jar runs them as users do, watched by a guard that records every
 * lookup and connection: only 127.0.0.1. The output must be the output of the same job over the
 * local {@code testdata/}, and a recognisable secret key given as credentials must appear nowhere
 * in what the CLI prints or writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStoreIT {
  private static final String BUCKET = "omniprep-it";
  private static final String ACCESS_KEY = "AKIAOMNIPREPTEST";
  private static final String SECRET = "OMNIPREP-SECRET-" + UUID.randomUUID();

  /** How credentials reach the job: AWS's standard chain (environment) or Beam's option. */
  enum Credentials { ENVIRONMENT, OPTION, NONE }

  @RegisterExtension static final ItWork WORK = new ItWork();
  private Path work;
  private final ChildProcesses processes = new ChildProcesses();
  private S3Mock s3;
  private FakeGcs gcs;
  private CliRuns cli;
  private final Map<String, Path> localOutputs = new HashMap<>();

  @BeforeAll
  void startStores() throws Exception {
    work = ItWork.fresh(ObjectStoreIT.class);
    cli = new CliRuns(processes, work);
    s3 = S3Mock.start(processes, work.resolve("s3mock"), BUCKET, ACCESS_KEY, SECRET);
    // While s3mock starts: the local runs every store run is compared with.
    for (String name : List.of("webdataset", "convert")) {
      localOutput(PipelineCase.named(name));
    }
    s3.awaitReady();
    s3.upload(Fixtures.testdata(), "testdata/");
    gcs = FakeGcs.start(work.resolve("fake-gcs"), BUCKET);
    try (Stream<Path> files = Files.walk(Fixtures.testdata())) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        gcs.put(BUCKET, "testdata/" + Fixtures.testdata().relativize(file), Files.readAllBytes(file));
      }
    }
  }

  @AfterAll
  void stopStores() throws Exception {
    try {
      if (gcs != null) {
        assertEquals(List.of(), gcs.unexpected(), "requests the fake GCS does not implement");
        gcs.close();
      }
      if (s3 != null) {
        s3.close();
      }
    } finally {
      processes.close();
    }
    assertEquals(List.of(), processes.survivors(), "processes left running");
  }

  /** Both stores, both pipelines, both runners, both ways of passing AWS credentials. */
  Stream<Arguments> runs() {
    return Stream.of(
        arguments("webdataset", "s3", "DirectRunner", Credentials.ENVIRONMENT),
        arguments("convert", "s3", "embedded Flink", Credentials.OPTION),
        arguments("webdataset", "gs", "embedded Flink", Credentials.NONE),
        arguments("convert", "gs", "DirectRunner", Credentials.NONE));
  }

  @ParameterizedTest(name = "{0} on {1}:// with {2}, credentials: {3}")
  @MethodSource("runs")
  void readsAndWritesTheObjectStore(String name, String scheme, String runner, Credentials credentials) throws Exception {
    PipelineCase pipeline = PipelineCase.named(name);
    String root = scheme + "://" + BUCKET + "/testdata";
    String prefix = "out/" + name + "-" + scheme + "/";
    List<String> options = new ArrayList<>(scheme.equals("s3") ? s3.beamOptions() : gcs.beamOptions());
    Map<String, String> env = new HashMap<>();
    if (credentials == Credentials.ENVIRONMENT) {
      env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
      env.put("AWS_SECRET_ACCESS_KEY", SECRET);
    } else if (credentials == Credentials.OPTION) {
      options.add("--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"" + ACCESS_KEY
          + "\",\"secretAccessKey\":\"" + SECRET + "\"}");
    }
    if (runner.equals("DirectRunner")) {
      options.add("--runner=DirectRunner");
    }

    Result run =
        cli.run(name + "-" + scheme, env, pipeline.args(root, scheme + "://" + BUCKET + "/" + prefix, options.toArray(new String[0])))
            .requireSuccess()
            .requireLoopbackOnly(scheme.equals("s3") ? s3.port() : gcs.port());

    Path written = work.resolve(name + "-" + scheme).resolve("output");
    if (scheme.equals("s3")) {
      s3.download(prefix, written);
    } else {
      gcs.download(BUCKET, prefix, written);
    }
    assertTrue(Files.exists(written.resolve("_SUMMARY.json")), run::describe);
    Outputs.assertSameExceptInputLocation(
        localOutput(pipeline), pipeline.input(Fixtures.testdata().toString()), Fixtures.testdata().toString(),
        written, pipeline.input(root), root);

    assertFalse(run.stdout().contains(SECRET), run::describe);
    assertFalse(run.stderr().contains(SECRET), run::describe);
    Outputs.assertNowhere(SECRET, written);
  }

  /** The same pipeline over the local testdata/ with the DirectRunner, in this JVM (once per pipeline). */
  private Path localOutput(PipelineCase pipeline) {
    return localOutputs.computeIfAbsent(pipeline.pipeline(), name -> {
      Path out = work.resolve("local-" + name);
      CliRuns.inProcess("local " + name, pipeline.args(out, "--runner=DirectRunner")).requireSuccess();
      return out;
    });
  }
}
