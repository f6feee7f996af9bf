package io.omniprep.pipelines;

import io.omniprep.options.ConvertOptions;
import io.omniprep.options.MixtureOptions;
import io.omniprep.options.OutputOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The files that tell a reader an output is complete (Energon's {@code .nv-meta/}, the one JSON
 * file a stage writes, {@code _SUMMARY.json}): each is written atomically, but in a job that fails
 * elsewhere (its errors output, another branch) it may still appear. The runner deletes them before
 * a job, so that a rerun never shows an earlier run's, and again when the job fails, so that what is
 * left (shards, patches, WAVs, frames: kept for resuming) never looks complete.
 */
public final class FinalOutputs {
  private static final String SUMMARY = "_SUMMARY.json";
  private static final List<String> ENERGON =
      List.of(".nv-meta/split.yaml", ".nv-meta/dataset.yaml", ".nv-meta/.info.yaml", ".nv-meta/.info.json",
          ".nv-meta/index.sqlite", ".nv-meta/index.uuid");
  private static final List<String> REPORT = List.of("report.json", "report.html");
  private static final String SHARDS = "the shards (shard-*.tar) are partial";

  private final String output;
  /** Names or globs relative to {@link #output}. */
  private final List<String> names;
  /** What a failed run leaves partial for a rerun to resume, in words. */
  private final String partial;

  private FinalOutputs(String output, List<String> names, String partial) {
    this.output = output;
    this.names = List.copyOf(names);
    this.partial = partial;
  }

  /** The final files of {@code stage} run with {@code options}. */
  public static FinalOutputs of(String stage, PipelineOptions options) {
    List<String> names = new ArrayList<>();
    String partial = "";
    switch (stage) {
      case "webdataset" -> {
        names.addAll(ENERGON);
        names.addAll(REPORT);
        partial = SHARDS;
      }
      case "mixture" -> {
        String to = options.as(MixtureOptions.class).getTo();
        to = to == null ? "webdataset" : to.trim().toLowerCase(Locale.ROOT);
        names.addAll(to.equals("webdataset") ? ENERGON : List.of(to + ".json"));
        names.addAll(REPORT);
        partial = to.equals("webdataset") ? SHARDS : "";
      }
      case "convert" -> {
        ConvertOptions convert = options.as(ConvertOptions.class);
        String to = convert.getTo() == null ? "llava" : convert.getTo().trim().toLowerCase(Locale.ROOT);
        if ("hf-parquet".equals(convert.getFrom())) {
          names.add("annotations/*.json");
        } else {
          names.add(convert.getMaxRecordsPerFile() > 0 ? to + "-*.json" : to + ".json");
        }
      }
      case "pack-patches" -> {
        names.addAll(List.of("patched.json", "patch_mapping.json"));
        partial = "the patch files (patch_*) are partial";
      }
      case "extract-audio" -> {
        names.add("dataset.json");
        partial = "the WAVs are partial";
      }
      case "extract-frames" -> {
        names.add("dataset.json");
        partial = "the frame folders are partial";
      }
      case "report" -> names.addAll(REPORT);
      default -> {}
    }
    names.add(SUMMARY);
    return new FinalOutputs(options.as(OutputOptions.class).getOutput(), names, partial);
  }

  /** The names, as a message lists them. */
  public String describe() {
    return String.join(", ", names);
  }

  /**
   * What a failed run leaves, as a message says it: the errors output, and the stage's units of
   * output (each complete under its final name, but not all there), kept for a rerun to resume.
   */
  public String describePartial() {
    return (partial.isEmpty() ? "" : partial + "; ") + "_errors/ is partial";
  }

  /** Deletes those that exist; returns their names relative to the output. */
  public List<String> delete() throws IOException {
    ResourceId dir = FileSystems.matchNewResource(output, true);
    List<String> specs = new ArrayList<>();
    for (String name : names) {
      specs.add(dir.resolve(name, StandardResolveOptions.RESOLVE_FILE).toString());
    }
    List<ResourceId> found = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (MatchResult match : FileSystems.match(specs, EmptyMatchTreatment.ALLOW)) {
      if (match.status() != MatchResult.Status.OK) {
        continue; // NOT_FOUND: nothing to delete
      }
      for (MatchResult.Metadata m : match.metadata()) {
        found.add(m.resourceId());
        deleted.add(m.resourceId().toString().substring(dir.toString().length()));
      }
    }
    FileSystems.delete(found, StandardMoveOptions.IGNORE_MISSING_FILES);
    return deleted;
  }
}
