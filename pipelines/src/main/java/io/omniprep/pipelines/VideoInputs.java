package io.omniprep.pipelines;

import io.omniprep.media.MediaPaths;
import io.omniprep.options.VideoInputOptions;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How the extraction stages read {@code --input}: record files, or globs of video files. */
final class VideoInputs {
  /** The rewritten records of the records mode: {@code OUTPUT/dataset.json}, the name Pai's tools use. */
  static final String RECORDS_NAME = "dataset";

  private static final Set<String> RECORD_EXTENSIONS = Set.of("json", "jsonl", "ndjson");

  private VideoInputs() {}

  /**
   * True when {@code --input} names records: {@code --format} llava, sharegpt or jsonl, or with
   * {@code --format=auto} inputs ending in {@code .json}, {@code .jsonl} or {@code .ndjson}.
   * {@code --format=videos}, or any other input, means video files.
   */
  static boolean areRecords(VideoInputOptions options) {
    String format = options.getFormat().trim().toLowerCase(Locale.ROOT);
    if (format.equals("videos")) {
      return false;
    }
    if (!format.equals("auto")) {
      return true;
    }
    List<String> inputs = options.getInput();
    long records = inputs.stream().filter(i -> RECORD_EXTENSIONS.contains(MediaPaths.extension(i))).count();
    if (records != 0 && records != inputs.size()) {
      throw new IllegalArgumentException(
          "--input mixes record files and video files; run them separately (or set --format)");
    }
    return records > 0;
  }
}
