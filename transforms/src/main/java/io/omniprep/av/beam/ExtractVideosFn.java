package io.omniprep.av.beam;

import io.omniprep.media.LocalMedia;

import io.omniprep.av.AvException;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import io.omniprep.metrics.Counters;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Extracts one video per element, or skips it when its completion marker exists and its stamp
 * ({@link ExtractionStamps}: the options and the video's bytes) matches, unless overwriting; a
 * complete output made from another video or with other options is redone and counted. Media at fault (missing, no audio, undecodable) become a failed outcome; any other
 * error (writing the output, say) fails the bundle, so the runner retries it.
 */
final class ExtractVideosFn extends DoFn<VideoJob, VideoOutcome> {
  static final String EXTRACTED = "videos_extracted";
  static final String SKIPPED = "videos_skipped_existing";
  static final String FAILED = "videos_failed";
  static final String REDONE = "videos_redone_changed";

  private final VideoTask task;
  private final String outputRoot;
  private final boolean overwrite;

  ExtractVideosFn(VideoTask task, String outputRoot, boolean overwrite) {
    this.task = task;
    this.outputRoot = outputRoot;
    this.overwrite = overwrite;
  }

  @ProcessElement
  public void process(@Element VideoJob job, OutputReceiver<VideoOutcome> out) throws IOException {
    ResourceId root = AtomicFiles.directory(outputRoot);
    ResourceId stampFile = ExtractionStamps.location(root, job.stem());
    String stamp;
    try {
      stamp = ExtractionStamps.of(task.settings(), job.spec());
    } catch (FileNotFoundException | NoSuchFileException e) {
      out.output(failed(job, Reason.MEDIA_MISSING, "media file not found: " + job.spec()));
      return;
    }
    if (!overwrite && AtomicFiles.exists(task.completionMarker(root, job.stem()))) {
      if (ExtractionStamps.matches(stampFile, stamp)) {
        Counters.named(SKIPPED).inc();
        out.output(job.skipped());
        return;
      }
      Counters.named(REDONE).inc(); // made from another video, or with other options
    }
    LocalMedia video;
    try {
      video = LocalMedia.of(job.spec());
    } catch (FileNotFoundException | NoSuchFileException e) {
      out.output(failed(job, Reason.MEDIA_MISSING, "media file not found: " + job.spec()));
      return;
    }
    try (video) {
      task.extract(video.path(), root, job.stem());
      ExtractionStamps.write(stampFile, stamp);
      Counters.named(EXTRACTED).inc();
      out.output(job.extracted());
    } catch (AvException e) {
      out.output(failed(job, reason(e), e.getMessage()));
    }
  }

  private static VideoOutcome failed(VideoJob job, Reason reason, String message) {
    Counters.named(FAILED).inc();
    return job.failed(reason, message);
  }

  private static Reason reason(AvException e) {
    switch (e.reason()) {
      case NO_AUDIO_STREAM:
        return Reason.NO_AUDIO_STREAM;
      case NO_VIDEO_STREAM:
        return Reason.MEDIA_CORRUPT;
      default:
        return Reason.CANNOT_DECODE;
    }
  }
}
