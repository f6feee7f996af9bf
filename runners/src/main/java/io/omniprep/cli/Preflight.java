package io.omniprep.cli;

import io.omniprep.options.InputOptions;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/** Mistakes worth one clear line before a job starts: inputs that match nothing. */
final class Preflight {
  private Preflight() {}

  static void check(PipelineOptions options) {
    if (!(options instanceof InputOptions)) {
      return;
    }
    List<String> inputs = ((InputOptions) options).getInput();
    for (String input : inputs) {
      if (input.isEmpty()) {
        throw new IllegalArgumentException("--input has an empty entry");
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
}
