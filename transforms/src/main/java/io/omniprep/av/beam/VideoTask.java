package io.omniprep.av.beam;

import io.omniprep.media.MediaException;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.fs.ResourceId;

/** What is extracted from each video, where it goes, and how a record is rewritten to point at it. */
interface VideoTask extends Serializable {
  /** The stage name errors are reported under, e.g. {@code extract-audio}. */
  String stage();

  /**
   * The file whose existence means the video's outputs under {@code stem} are complete; it is
   * written last.
   */
  ResourceId completionMarker(ResourceId outputRoot, String stem);

  /**
   * Everything that shapes the outputs besides the video (the stage, its options, the output
   * format's version): part of each output's stamp, so that a rerun with other options redoes it.
   */
  String settings();

  /**
   * Extracts the local {@code video} to the outputs of {@code stem} under {@code outputRoot},
   * replacing any earlier (complete or partial) ones.
   *
   * @throws io.omniprep.av.AvException when the video itself is at fault
   */
  void extract(Path video, ResourceId outputRoot, String stem) throws IOException;

  /**
   * The folders (relative to the output, ending in '/', "" for the output itself) the outputs of
   * {@code stem} are written in: where a killed writer may have left temporary files.
   */
  default List<String> folders(String stem) {
    return List.of(stem.substring(0, stem.lastIndexOf('/') + 1));
  }

  /**
   * The record pointing at its extracted outputs.
   *
   * @param videos the outcome of each of the record's path videos, by media index; all succeeded
   * @throws MediaException when the record cannot be expressed with these outputs
   */
  Sample rewrite(Sample sample, Map<Integer, VideoOutcome> videos) throws MediaException;

  /**
   * The media indices of the outputs the record itself names, one per path video in order (the
   * output of its {@code k}-th video is its {@code k}-th entry, a path relative to the output
   * folder), or empty when the outputs mirror the videos.
   */
  default List<Integer> namedOutputs(Sample sample) {
    return List.of();
  }
}
