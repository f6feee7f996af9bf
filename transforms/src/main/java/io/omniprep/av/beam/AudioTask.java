package io.omniprep.av.beam;

import io.omniprep.av.AudioExtractor;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import io.omniprep.media.MediaException;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.fs.ResourceId;

/** A video's audio as {@code OUTPUT/<stem>.wav}; records get an {@code audio} field. */
final class AudioTask implements VideoTask {
  static final String STAGE = "extract-audio";
  private static final String FIELD = MediaKind.AUDIO.llavaField();

  private final AudioExtractor extractor;

  AudioTask(AudioExtractor extractor) {
    this.extractor = extractor;
  }

  @Override
  public String settings() {
    return STAGE + " 1 " + extractor;
  }

  static String wavPath(String stem) {
    return stem + ".wav";
  }

  @Override
  public String stage() {
    return STAGE;
  }

  @Override
  public ResourceId completionMarker(ResourceId outputRoot, String stem) {
    return AtomicFiles.resolve(outputRoot, wavPath(stem));
  }

  @Override
  public void extract(Path video, ResourceId outputRoot, String stem) throws IOException {
    ResourceId wav = completionMarker(outputRoot, stem);
    Path staged = OutputFiles.staging(wav);
    try {
      extractor.extractWav(video, staged);
      OutputFiles.publish(staged, wav);
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  @Override
  public List<Integer> namedOutputs(Sample sample) {
    return NamedAudio.indices(sample);
  }

  /**
   * A record that names its WAVs ({@link NamedAudio}) is kept as it is: they were written where it
   * says. Otherwise: sets {@code audio} to the WAV of each video, relative to the output folder: a
   * path for one video, a list for several. Any earlier {@code audio} value is replaced; nothing
   * else changes.
   */
  @Override
  public Sample rewrite(Sample sample, Map<Integer, VideoOutcome> videos) throws MediaException {
    if (!NamedAudio.indices(sample).isEmpty()) {
      return sample;
    }
    List<MediaRef> media = new ArrayList<>();
    List<MediaLocation> wavs = new ArrayList<>();
    for (int i = 0; i < sample.media().size(); i++) {
      MediaRef ref = sample.media().get(i);
      if (ref.kind() == MediaKind.VIDEO && ref.location().isPatch()) {
        throw new MediaException(Reason.NO_AUDIO_STREAM, "no audio stream: video " + i + " is a patch of frames");
      }
      if (!(ref.kind() == MediaKind.AUDIO && ref.field().equals(FIELD))) {
        media.add(ref);
      }
      VideoOutcome video = videos.get(i);
      if (video != null) {
        wavs.add(MediaLocation.path(wavPath(video.stem())));
      }
    }
    for (int i = 0; i < wavs.size(); i++) {
      media.add(MediaRef.of(MediaKind.AUDIO, FIELD, wavs.size() == 1 ? -1 : i, wavs.get(i)));
    }
    return sample.withMedia(media);
  }
}
