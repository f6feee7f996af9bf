package io.omniprep.cli;

import io.omniprep.pipelines.RunSummary;
import java.util.Map;
import java.util.Optional;

/**
 * A job that ran to its end yet wrote none of the records it read, because they failed: a failed
 * job (exit 1), not a finished one, since no script should go on to train on it. Records fail one
 * by one for their own faults; when every one fails, the cause is almost always one the user can
 * fix for all of them at once (a wrong {@code --mediaRoot}, the wrong file as {@code --input}), so
 * the message names the reason and, for the common ones, what to do.
 */
final class NothingWritten {
  private static final Map<String, String> WHAT_TO_DO = Map.ofEntries(
      Map.entry("media_missing", "check --mediaRoot: relative media paths resolve against it (by default each input file's folder)"),
      Map.entry("path_traversal", "check --mediaRoot: the media paths lead out of it"),
      Map.entry("malformed_json", "check that --input names the records and --format their layout"),
      Map.entry("wrong_type", "check that --input names the records and --format their layout"),
      Map.entry("missing_conversations", "check that --input names LLaVA/ShareGPT records (conversations or messages)"),
      Map.entry("unknown_speaker", "check that --input names LLaVA/ShareGPT records (human/gpt or user/assistant turns)"),
      Map.entry("unsuitable_for_layout", "choose a --layout that holds these samples"),
      Map.entry("no_audio_stream", "check that --input names videos with sound"),
      Map.entry("image_too_large", "raise --maxImagePixels if these images are to be trusted"),
      Map.entry("media_too_large", "raise --maxMediaBytes"),
      Map.entry("record_too_large", "raise --maxRecordBytes"),
      Map.entry("too_long", "raise --maxSequenceLength"),
      Map.entry("bad_row", "check the table's columns against the options that name them"));

  private NothingWritten() {}

  /** The line to print when {@code summary} read records, wrote none and failed some; empty otherwise. */
  static Optional<String> explain(RunSummary summary, String output) {
    if (summary.written() > 0 || summary.failed() == 0) {
      return Optional.empty();
    }
    Map<String, Long> reasons = summary.failedByReason();
    String errors = output.endsWith("/") ? output + "_errors/" : output + "/_errors/";
    if (reasons.size() == 1) {
      String reason = reasons.keySet().iterator().next();
      String todo = WHAT_TO_DO.getOrDefault(reason, "see " + errors + " for each record's message");
      return Optional.of("no record was written: every one failed as " + reason + "; " + todo + " (details in " + errors + ")");
    }
    return Optional.of("no record was written: every one failed (" + summary.reasonCounts() + "); see " + errors);
  }
}
