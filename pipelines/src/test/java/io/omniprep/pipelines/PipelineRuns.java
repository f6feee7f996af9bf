package io.omniprep.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Runs a stage as the CLI does (options from arguments, summary written), on the DirectRunner. */
final class PipelineRuns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PipelineRuns() {}

  static RunSummary run(String stageName, String... args) {
    Stage<?> stage = Stages.find(stageName).orElseThrow();
    String[] all = new String[args.length + 1];
    all[0] = "--runner=DirectRunner";
    System.arraycopy(args, 0, all, 1, args.length);
    PipelineOptions options = PipelineOptionsFactory.fromArgs(all).withValidation().as(stage.optionsClass());
    PipelineResult result = stage.create(options).run();
    result.waitUntilFinish();
    RunSummary summary = RunSummary.of(result);
    try {
      summary.write(stage.output(options), stage.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return summary;
  }

  /** The reason of each failed record in {@code out}'s errors output, by record id (none: empty). */
  static Map<String, String> reasonsById(Path out) throws IOException {
    Map<String, String> reasons = new TreeMap<>();
    if (!Files.isDirectory(out.resolve("_errors"))) {
      return reasons;
    }
    try (Stream<Path> parts = Files.list(out.resolve("_errors"))) {
      for (Path part : parts.toList()) {
        for (String line : Files.readAllLines(part)) {
          JsonNode e = JSON.readTree(line);
          reasons.put(e.get("id").asText(), e.get("reason").asText());
        }
      }
    }
    return reasons;
  }

  static String out(Path dir) {
    return arg("output", dir);
  }

  static String arg(String name, Path value) {
    return "--" + name + "=" + value;
  }
}
