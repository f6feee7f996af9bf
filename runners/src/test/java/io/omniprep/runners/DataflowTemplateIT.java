package io.omniprep.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.pipelines.Stage;
import io.omniprep.pipelines.Stages;
import io.omniprep.runners.testing.ChildProcesses;
import io.omniprep.runners.testing.CliRuns;
import io.omniprep.runners.testing.CliRuns.Result;
import io.omniprep.runners.testing.FakeGcs;
import io.omniprep.runners.testing.ItWork;
import io.omniprep.runners.testing.PipelineCase;
import io.omniprep.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every pipeline, from the bundled jar, through the Dataflow runner up to the point where a job
 * would be submitted: options validated ({@code --project --region --tempLocation=gs://...}), the
 * temp bucket checked, the jar and the pipeline proto staged, the job graph translated and written
 * as a classic template ({@code --templateLocation}). Google Cloud is unreachable here, so gs:// is
 * {@link FakeGcs} (a fake JSON API in this JVM, not an emulator), the Dataflow API endpoint points
 * at it too (nothing may call it: it would be answered 501 and fail the test), and the run is
 * watched for lookups and connections outside 127.0.0.1. Not tested: submitting the job, Dataflow's
 * workers and their container, real GCS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataflowTemplateIT {
  static final List<PipelineCase> CASES = PipelineCase.ALL;
  private static final String BUCKET = "omniprep-dataflow";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final ItWork WORK = new ItWork();
  private Path work;
  private final ChildProcesses processes = new ChildProcesses();
  private FakeGcs gcs;
  private CliRuns cli;

  @BeforeAll
  void start() throws Exception {
    work = ItWork.fresh(DataflowTemplateIT.class);
    cli = new CliRuns(processes, work);
    gcs = FakeGcs.start(work.resolve("fake-gcs"), BUCKET);
    try (Stream<Path> files = Files.walk(Fixtures.testdata())) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        gcs.put(BUCKET, "testdata/" + Fixtures.testdata().relativize(file), Files.readAllBytes(file));
      }
    }
  }

  @AfterAll
  void stop() {
    try {
      if (gcs != null) {
        gcs.close();
      }
    } finally {
      processes.close();
    }
    assertEquals(List.of(), processes.survivors(), "processes left running");
  }

  @ParameterizedTest
  @FieldSource("CASES")
  void translatesToADataflowTemplate(PipelineCase pipeline) throws Exception {
    String template = "templates/" + pipeline + ".json";
    String output = "gs://" + BUCKET + "/out/" + pipeline + "/";
    List<String> options = new ArrayList<>(gcs.beamOptions());
    options.addAll(List.of(
        "--runner=DataflowRunner",
        "--project=omniprep-test",
        "--region=us-central1",
        "--tempLocation=gs://" + BUCKET + "/tmp",
        "--templateLocation=gs://" + BUCKET + "/" + template,
        "--dataflowEndpoint=http://127.0.0.1:" + gcs.port() + "/"));

    Result run =
        cli.run("dataflow-" + pipeline, Map.of(), pipeline.args("gs://" + BUCKET + "/testdata", output, options.toArray(new String[0])))
            .requireSuccess()
            .requireLoopbackOnly(gcs.port());

    assertTrue(run.stderr().contains("Dataflow template written to gs://" + BUCKET + "/" + template), run::describe);
    JsonNode job = JSON.readTree(gcs.read(BUCKET, template));
    assertEquals("JOB_TYPE_BATCH", job.get("type").asText());
    assertEquals(topLevelTransforms(pipeline), topLevelSteps(job), "every transform of the pipeline is in the job graph");
    JsonNode sdkOptions = job.at("/environment/sdkPipelineOptions/options");
    assertEquals("omniprep-test", sdkOptions.get("project").asText());
    assertEquals("us-central1", sdkOptions.get("region").asText());
    assertEquals(output, sdkOptions.get("output").asText());

    String stagedJar = stagedPackage(job, "omniprep-");
    assertEquals(-1, Files.mismatch(cli.jar(), gcs.file(BUCKET, stagedJar)), "the bundled jar is staged as it is");
    assertTrue(gcs.list(BUCKET, "tmp/staging/pipeline-").size() >= 1, "the pipeline proto is staged");
    assertEquals(List.of(), gcs.list(BUCKET, "out/" + pipeline + "/"), "a template only describes the job: nothing ran");
    assertEquals(List.of(), gcs.unexpected(), "requests the fake GCS does not implement (the Dataflow API included)");
  }

  /** The names of the pipeline's top-level transforms, built in this JVM from the same options. */
  private static Set<String> topLevelTransforms(PipelineCase pipeline) {
    Stage<?> stage = Stages.find(pipeline.pipeline()).orElseThrow();
    PipelineOptionsFactory.register(stage.optionsClass());
    List<String> args = pipeline.args(Path.of("/nonexistent/out"));
    Pipeline p = stage.create(PipelineOptionsFactory.fromArgs(args.subList(1, args.size()).toArray(new String[0])).as(stage.optionsClass()));
    Set<String> names = new TreeSet<>();
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
        if (!node.isRootNode() && node.getEnclosingNode().isRootNode()) {
          names.add(node.getFullName());
        }
        return CompositeBehavior.ENTER_TRANSFORM;
      }

      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        if (node.getEnclosingNode().isRootNode()) {
          names.add(node.getFullName());
        }
      }
    });
    return names;
  }

  /** The first path segment of every step's user name: the top-level transforms Dataflow runs. */
  private static Set<String> topLevelSteps(JsonNode job) {
    Set<String> names = new TreeSet<>();
    for (JsonNode step : job.get("steps")) {
      String name = step.at("/properties/user_name/value").asText();
      names.add(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
    }
    return names;
  }

  /** The object name of the staged package whose file name starts with {@code prefix}. */
  private static String stagedPackage(JsonNode job, String prefix) {
    for (JsonNode pkg : job.at("/environment/workerPools/0/packages")) {
      if (pkg.get("name").asText().startsWith(prefix)) {
        String location = pkg.get("location").asText();
        return location.substring(("gs://" + BUCKET + "/").length());
      }
    }
    throw new AssertionError("no staged package " + prefix + "* in " + job.at("/environment/workerPools/0/packages"));
  }
}
