package io.omniprep.cli;

import io.omniprep.io.Folders;
import io.omniprep.io.Globs;
import io.omniprep.options.ConvertOptions;
import io.omniprep.options.InputOptions;
import io.omniprep.options.OutputOptions;
import io.omniprep.options.ReportOptions;
import io.omniprep.options.VideoInputOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Mistakes worth one clear line before a job starts: an output that is a file, inputs that match
 * nothing, a folder given as input (except to {@code report}, which reads shard folders), local
 * inputs that cannot be read.
 */
final class Preflight {
  private Preflight() {}

  static void check(PipelineOptions options) {
    if (options instanceof OutputOptions) {
      checkOutput(((OutputOptions) options).getOutput());
    }
    if (!(options instanceof InputOptions)) {
      return;
    }
    List<String> inputs = ((InputOptions) options).getInput();
    for (String input : inputs) {
      if (input.isEmpty()) {
        throw new IllegalArgumentException("--input has an empty entry");
      }
      Path local = local(input);
      if (local != null && Files.isDirectory(local) && !readsFolders(options)) {
        String files = options instanceof VideoInputOptions ? "/**" : "/*.json";
        throw new IllegalArgumentException("--input " + input + " is a folder: name its files, e.g. --input='"
            + Folders.withoutTrailingSlash(input) + files + "'");
      }
      if (local != null && Files.isRegularFile(local) && !Files.isReadable(local)) {
        throw new IllegalArgumentException("cannot read --input " + input + ": permission denied");
      }
      try {
        MatchResult match = FileSystems.match(List.of(input)).get(0);
        if (match.status() == MatchResult.Status.NOT_FOUND
            || (match.status() == MatchResult.Status.OK && match.metadata().isEmpty())) {
          throw new IllegalArgumentException("no input file matches '" + input + "'");
        }
        if (match.status() != MatchResult.Status.OK) {
          throw new IllegalArgumentException("cannot read input '" + input + "': " + match.status());
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read input '" + input + "': " + e.getMessage(), e);
      }
    }
  }

  /** {@code report} reads shard folders, {@code convert --from=hf-parquet} a downloaded dataset's folder. */
  private static boolean readsFolders(PipelineOptions options) {
    return options instanceof ReportOptions
        || (options instanceof ConvertOptions && "hf-parquet".equals(((ConvertOptions) options).getFrom()));
  }

  private static void checkOutput(String output) {
    Path local = output == null ? null : local(output);
    if (local == null) {
      return;
    }
    if (Files.isRegularFile(local)) {
      throw new IllegalArgumentException("--output " + output + " is a file: name a folder (created if missing)");
    }
    if (Files.isDirectory(local) && !Files.isWritable(local)) {
      throw new IllegalArgumentException("cannot write to --output " + output + ": permission denied");
    }
  }

  /** The local path {@code spec} names, or null for another filesystem or a glob. */
  private static @Nullable Path local(String spec) {
    if (Globs.hasWildcard(spec)) {
      return null;
    }
    if (spec.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !spec.startsWith("file:")) {
      return null; // an object store: gs://bucket/out/ is a folder there, which Beam would refuse as a file
    }
    ResourceId id = FileSystems.matchNewResource(spec, false);
    return "file".equals(id.getScheme()) ? Paths.get(spec.startsWith("file:") ? id.toString() : spec) : null;
  }
}
