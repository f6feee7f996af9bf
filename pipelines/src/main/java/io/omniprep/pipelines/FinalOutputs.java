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
  private static final String SHARDS = "shards (shard-*.tar)";

  private final String output;
  /** Names or globs relative to {@link #output}. */
  private final List<String> names;
  /** The units of output a rerun keeps when complete and redoes otherwise, in words ("" for none). */
  private final String units;

  private FinalOutputs(String output, List<String> names, String units) {
    this.output = output;
    this.names = List.copyOf(names);
    this.units = units;
  }

  /** The final files of {@code stage} run with {@code options}. */
  public static FinalOutputs of(String stage, PipelineOptions options) {
    List<String> names = new ArrayList<>();
    String units = "";
    switch (stage) {
      case "webdataset" -> {
        names.addAll(ENERGON);
        names.addAll(REPORT);
        units = SHARDS;
      }
      case "mixture" -> {
        String to = options.as(MixtureOptions.class).getTo();
        to = to == null ? "webdataset" : to.trim().toLowerCase(Locale.ROOT);
        names.addAll(to.equals("webdataset") ? ENERGON : List.of(to + ".json"));
        names.addAll(REPORT);
        units = to.equals("webdataset") ? SHARDS : "";
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
        units = "patch files (patch_*)";
      }
      case "extract-audio" -> {
        names.add("dataset.json");
        units = "WAVs";
      }
      case "extract-frames" -> {
        names.add("dataset.json");
        units = "frame folders";
      }
      case "report" -> names.addAll(REPORT);
      default -> {}
    }
    names.add(SUMMARY);
    return new FinalOutputs(options.as(OutputOptions.class).getOutput(), names, units);
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
    return (units.isEmpty() ? "" : "the " + units + " are partial; ") + "_errors/ is partial";
  }

  /** What running the same command again does with what is left, as a message says it. */
  public String rerun() {
    return units.isEmpty()
        ? "running the same command again redoes it"
        : "running the same command again resumes: complete " + units + " are kept, the rest redone (--overwrite redoes all)";
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
