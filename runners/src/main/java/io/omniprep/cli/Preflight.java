package io.omniprep.cli;

import io.omniprep.io.Folders;
import io.omniprep.io.Globs;
import io.omniprep.options.ConvertOptions;
import io.omniprep.options.InputOptions;
import io.omniprep.options.MediaRootOptions;
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
 * Mistakes worth one clear line before a job starts (exit 2): an output that is a file or cannot be
 * written (tried: a read-only mount refuses even root), inputs that
 * match nothing, a folder given as input (except to {@code report}, which reads shard folders), a
 * mixture YAML given as records, local inputs that cannot be read, a local {@code --mediaRoot} that
 * is not a folder. An input that cannot be reached (a refused connection, an object store that
 * answers with an error) is not the user's mistake: {@link Unreachable}, a failed job (exit 1).
 */
final class Preflight {
  private Preflight() {}

  /** An input the filesystem could not reach: the job cannot run, through no mistake on the command line. */
  static final class Unreachable extends RuntimeException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Checks {@code options}; returns the output folders the check made (to try writing), for the
   * CLI to remove if the job then writes nothing.
   */
  static MadeFolder check(PipelineOptions options) {
    if (options instanceof OutputOptions) {
      checkOutput(((OutputOptions) options).getOutput());
    }
    if (options instanceof MediaRootOptions) {
      checkMediaRoot(((MediaRootOptions) options).getMediaRoot());
    }
    if (options instanceof InputOptions) {
      checkInputs(options);
    }
    return options instanceof OutputOptions ? checkOutputWritable(((OutputOptions) options).getOutput()) : MadeFolder.NONE;
  }

  private static void checkInputs(PipelineOptions options) {
    List<String> inputs = ((InputOptions) options).getInput();
    for (String input : inputs) {
      if (input.isEmpty()) {
        throw new IllegalArgumentException("--input has an empty entry");
      }
      if (!(options instanceof ReportOptions) && (input.endsWith(".yaml") || input.endsWith(".yml"))) {
        throw new IllegalArgumentException("--input " + input + " is a mixture YAML, not records: run omniprep mixture --config="
            + input);
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
          throw new Unreachable("cannot reach input '" + input + "': " + match.status(), null);
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
          throw (IllegalArgumentException) e;
        }
        throw new Unreachable("cannot reach input '" + input + "': " + e.getMessage(), e);
      }
    }
  }

  private static void checkMediaRoot(@Nullable String mediaRoot) {
    Path local = mediaRoot == null || mediaRoot.isEmpty() ? null : local(mediaRoot);
    if (local != null && !Files.isDirectory(local)) {
      throw new IllegalArgumentException("--mediaRoot " + mediaRoot + (Files.exists(local) ? " is not a folder" : " does not exist")
          + ": name the folder media paths resolve against");
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

  /**
   * Tried rather than inferred from permissions, once every other check passed (it creates the
   * folder): root passes every permission check, yet cannot write on a read-only mount, and the job
   * would otherwise fail only at its first write.
   */
  private static MadeFolder checkOutputWritable(String output) {
    Path local = output == null ? null : local(output);
    if (local == null) {
      return MadeFolder.NONE;
    }
    try {
      MadeFolder made = MadeFolder.create(local);
      Files.delete(Files.createTempFile(local, ".omniprep-write-check", null));
      return made;
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalArgumentException("cannot write to --output " + output + " (" + reason(e)
          + "): name a folder you can write (created if missing)");
    }
  }

  private static String reason(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String kind = e instanceof java.nio.file.NoSuchFileException ? "no such folder"
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null
            ? ((java.nio.file.FileSystemException) e).getReason()
            : e.getClass().getSimpleName();
    return message.isEmpty() || kind.equals(message) ? kind : kind + ": " + message;
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
