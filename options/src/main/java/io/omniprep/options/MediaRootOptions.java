package io.omniprep.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where relative media paths resolve, and the boundary none of them may cross. */
public interface MediaRootOptions extends PipelineOptions {
  @Description(
      "Folder that relative media paths resolve against (default: each input file's folder). "
          + "Paths that leave it are refused; absolute paths must lie inside it when it is set.")
  @PathOption
  String getMediaRoot();

  void setMediaRoot(String value);
}
