package io.omniprep.options;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * Inputs of the extraction stages: either LLaVA/Ola records naming videos (the {@link
 * InputOptions} way), or globs of video files whose tree the output mirrors.
 */
public interface VideoInputOptions extends InputOptions {
  @Override
  @Description(
      "Video files or globs, comma-separated (** crosses folders; files without a video extension "
          + "are ignored), e.g. /data/videos/**; or record files (.json, .jsonl: LLaVA/Ola/ShareGPT) "
          + "whose video fields name the videos. Local paths, gs:// and s3:// all work.")
  @Validation.Required
  @PathOption
  List<String> getInput();

  @Override
  @Description(
      "auto: inputs ending in .json/.jsonl/.ndjson are records, anything else video files; videos: "
          + "always video files; llava, sharegpt or jsonl: records in that layout.")
  @Default.String("auto")
  String getFormat();

  @Description(
      "Video files mode: the folder whose tree the output mirrors (every --input glob must lie inside "
          + "it). Default: the deepest folder shared by the globs. Not used for records.")
  @PathOption
  String getInputRoot();

  void setInputRoot(String value);
}
