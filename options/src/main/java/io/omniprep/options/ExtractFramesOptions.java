package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code extract-frames}: videos as folders of JPEG frames plus an fps sidecar. */
public interface ExtractFramesOptions extends VideoInputOptions, OutputOptions {
  @Description(
      "Keep one frame every this many seconds: every max(1, int(fps * seconds))-th source frame, as "
          + "Pai's build_llava_frame_dataset.py --time-interval. Default 1.0 unless --numFrames is given.")
  Double getTimeInterval();

  void setTimeInterval(Double value);

  @Description("Instead of --timeInterval: this many frames spread uniformly over each video, first and last included.")
  Integer getNumFrames();

  void setNumFrames(Integer value);

  @Description("JPEG quality of the frames (1-100).")
  @Default.Integer(95)
  int getJpegQuality();

  void setJpegQuality(int value);

  @Description(
      "FFmpeg decoder threads per video; 0 lets FFmpeg use one per core. 1 suits many videos, which "
          + "a worker already decodes in parallel (one per DoFn thread); raise it for a few long videos.")
  @Default.Integer(1)
  int getDecoderThreads();

  void setDecoderThreads(int value);
}
