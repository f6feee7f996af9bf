package io.omniprep.av.beam;

import io.omniprep.av.FrameConsumer;
import io.omniprep.av.FrameExtractor;
import io.omniprep.av.FrameFolders;
import io.omniprep.json.PythonFloatRepr;
import io.omniprep.av.SampledExtraction;
import io.omniprep.io.AtomicFiles;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Turn;
import io.omniprep.validate.MediaTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A video as the frame folder of Pai's {@code build_llava_frame_dataset.py}: {@code
 * OUTPUT/<stem>/frame_%06d.jpg} named by source frame index, then {@code OUTPUT/<stem>.json} =
 * {@code {"fps": "<rate>"}}, written last. Records become ShareGPT records whose {@code videos}
 * point at {@code <stem>.<ext>} relative to the output folder, which is where a frame-reading
 * media resolver looks for {@code <stem>/} and {@code <stem>.json}.
 */
final class FramesTask implements VideoTask {
  static final String STAGE = "extract-frames";

  private final FrameExtractor extractor;
  private final double seconds;
  private final int count;

  /** Interval mode when {@code seconds > 0}, otherwise {@code count} uniform frames. */
  FramesTask(FrameExtractor extractor, double seconds, int count) {
    this.extractor = extractor;
    this.seconds = seconds;
    this.count = count;
  }

  @Override
  public String stage() {
    return STAGE;
  }

  @Override
  public String settings() {
    return STAGE + " 1 " + extractor + " seconds=" + seconds + " count=" + count;
  }

  @Override
  public ResourceId completionMarker(ResourceId outputRoot, String stem) {
    return AtomicFiles.resolve(outputRoot, stem + ".json");
  }

  /** The sidecar's folder and the frame folder. */
  @Override
  public List<String> folders(String stem) {
    return List.of(stem.substring(0, stem.lastIndexOf('/') + 1), stem + "/");
  }

  @Override
  public void extract(Path video, ResourceId outputRoot, String stem) throws IOException {
    ResourceId sidecar = completionMarker(outputRoot, stem);
    // Incomplete from here on; frames of an earlier run (another interval, a crash) must not mix in.
    AtomicFiles.delete(List.of(sidecar));
    OutputFiles.deleteMatching(outputRoot + stem + "/", "frame_*.jpg");
    FrameConsumer write = frame -> OutputFiles.writeMember(
        AtomicFiles.resolve(outputRoot, stem + "/" + FrameFolders.frameFileName(frame.sourceIndex())), frame.jpeg());
    String fps = seconds > 0
        ? extractor.extractEvery(video, seconds, write).effectiveFps()
        : uniformFps(extractor.extractUniform(video, count, write));
    OutputFiles.write(sidecar, FrameFolders.fpsJson(fps).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The rate of uniformly spread frames: frames per second of video between the first and the
   * last kept frame; the container rate when fewer than two were kept.
   */
  static String uniformFps(SampledExtraction e) {
    long[] idx = e.indices();
    if (idx.length < 2) {
      return PythonFloatRepr.repr(e.fps());
    }
    return PythonFloatRepr.repr(e.fps() * (idx.length - 1) / (idx[idx.length - 1] - idx[0]));
  }

  /**
   * Each extracted video points at its place in the output tree; other media keep their files
   * through their resolved absolute location (the record no longer sits beside them). Where
   * {@code <image>} stands for the videos (LLaVA-Video), it becomes {@code <video>}.
   */
  @Override
  public Sample rewrite(Sample sample, Map<Integer, VideoOutcome> videos) {
    List<MediaRef> media = new ArrayList<>();
    for (int i = 0; i < sample.media().size(); i++) {
      MediaRef ref = sample.media().get(i);
      VideoOutcome video = videos.get(i);
      if (video != null) {
        media.add(ref.withLocation(MediaLocation.path(video.relative())));
      } else if (!ref.location().isPatch() && ref.resolved() != null && !ref.resolved().isFrames()) {
        media.add(ref.withLocation(MediaLocation.path(ref.resolved().parts().get(0).resource())));
      } else {
        media.add(ref.withResolved(null));
      }
    }
    Sample.Builder b = sample.toBuilder().media(media);
    if (MediaTokens.imageTokensStandForVideos(sample)) {
      List<Turn> turns = new ArrayList<>();
      for (Turn t : sample.turns()) {
        turns.add(t.withText(t.text().replace("<image>", "<video>")));
      }
      b.turns(turns);
    }
    return b.build();
  }
}
