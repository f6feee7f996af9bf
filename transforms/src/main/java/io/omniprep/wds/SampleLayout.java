package io.omniprep.wds;

import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** How one sample becomes tar members, and the {@code dataset.yaml} that tells Energon how to load them. */
public interface SampleLayout extends Serializable {
  /** How this layout reads videos: as files, or as extracted frames. */
  MediaResolver.VideoAs videoAs();

  /**
   * Why a valid sample cannot be written in this layout (wrong media, wrong turns), checked before
   * any media is read; empty when it can.
   */
  Optional<String> unsuitable(Sample sample);

  /**
   * The sample's members, in sorted extension order. Reads images and frames now (they are checked
   * and converted before a byte of the sample is written); large media stream when written.
   */
  List<TarPart> members(Sample sample, MediaReads images) throws MediaException, IOException;

  /** {@code .nv-meta/dataset.yaml}. */
  String datasetYaml();
}
