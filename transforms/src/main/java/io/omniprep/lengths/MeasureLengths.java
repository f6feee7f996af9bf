package io.omniprep.lengths;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.media.Images;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.media.QwenVision;
import io.omniprep.media.Resize;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import io.omniprep.validate.MediaTokens;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

/**
 * A valid sample's {@link SequenceLengths}: its conversation laid out by the chat template and
 * tokenized, its images and video frames counted as Qwen-VL does ({@link QwenVision}) from their
 * headers alone (images at the size {@code --resize} stores them at). A sample over {@code
 * maxSequenceLength} is refused as {@code too_long}, never cut. A video given as a file (not as frames) has no frame count without decoding: its tokens are left
 * out and counted ({@value #VIDEO_NOT_MEASURED}).
 */
public final class MeasureLengths implements Serializable {
  public static final String STAGE = "lengths";
  static final String VIDEO_NOT_MEASURED = "lengths_video_files_not_measured";

  private final TextTokens tokens;
  private final ChatTemplate template;
  private final QwenVision vision;
  private final long maxSequenceLength;
  private final boolean oddFrameDropped;
  private final Resize resize;

  private MeasureLengths(TextTokens tokens, ChatTemplate template, QwenVision vision, long maxSequenceLength, boolean oddFrameDropped,
      Resize resize) {
    this.tokens = tokens;
    this.template = template;
    this.vision = vision;
    this.maxSequenceLength = maxSequenceLength;
    this.oddFrameDropped = oddFrameDropped;
    this.resize = resize;
  }

  /** Lengths by {@code tokens}, Qwen2-VL's template, qwen-vl-utils' pixel budgets, no length limit. */
  public static MeasureLengths with(TextTokens tokens) {
    return new MeasureLengths(tokens, ChatTemplate.QWEN2_VL, QwenVision.defaults(), 0, false, Resize.none());
  }

  public MeasureLengths withTemplate(ChatTemplate template) {
    return new MeasureLengths(tokens, template, vision, maxSequenceLength, oddFrameDropped, resize);
  }

  public MeasureLengths withVision(QwenVision vision) {
    return new MeasureLengths(tokens, template, vision, maxSequenceLength, oddFrameDropped, resize);
  }

  /** Samples longer than {@code max} tokens are refused; 0 for no limit. */
  public MeasureLengths withMaxSequenceLength(long max) {
    if (max < 0) {
      throw new IllegalArgumentException("--maxSequenceLength must be 0 (no limit) or positive, was " + max);
    }
    return new MeasureLengths(tokens, template, vision, max, oddFrameDropped, resize);
  }

  /** Whether the layout stores a video's frames trimmed to an even count (ChatML layouts do). */
  public MeasureLengths withOddFrameDropped(boolean dropped) {
    return new MeasureLengths(tokens, template, vision, maxSequenceLength, dropped, resize);
  }

  /** Images counted at the size {@code resize} stores them at ({@code --resize}), not as read. */
  public MeasureLengths withResize(Resize resize) {
    return new MeasureLengths(tokens, template, vision, maxSequenceLength, oddFrameDropped, resize);
  }

  /** Starts loading the tokenizer in the background ({@link TextTokens#preload}): for a worker as it starts. */
  public void preload() {
    tokens.preload();
  }

  /** What shapes the lengths, for a writer's fingerprint. */
  @Override
  public String toString() {
    return "lengths(" + tokens.path() + ", " + template.label() + ", " + vision + ", max " + maxSequenceLength + ", oddFrameDropped "
        + oddFrameDropped + (resize.isNone() ? "" : ", resize " + resize) + ")";
  }

  /**
   * The lengths of a valid sample (media resolved).
   *
   * @throws MediaException {@code too_long}, {@code extreme_aspect_ratio}, or {@code media_corrupt}
   *     for an image whose size its header does not tell
   */
  public SequenceLengths measure(Sample sample) throws MediaException, IOException {
    boolean imagesAreVideos = MediaTokens.imageTokensStandForVideos(sample);
    String text = template.render(sample, imagesAreVideos);
    long pads = occurrences(text, ChatTemplate.IMAGE_PAD) + occurrences(text, ChatTemplate.VIDEO_PAD);
    long textTokens = tokens.countBetween(text, ChatTemplate.MARKERS) - pads;
    long image = 0;
    long video = 0;
    for (MediaRef ref : sample.media()) {
      ResolvedMedia media = ref.resolved();
      if (media == null) {
        continue;
      }
      if (ref.kind() == MediaKind.IMAGE) {
        long[] read = size(media.parts().get(0));
        long[] size = resize.target(read[0], read[1]);
        image += vision.imageTokens(size[0], size[1]);
      } else if (ref.kind() == MediaKind.VIDEO && media.isFrames() && !media.parts().isEmpty()) {
        int frames = media.parts().size();
        long[] size = size(media.parts().get(0));
        video += vision.videoTokens(oddFrameDropped ? frames - frames % 2 : frames, size[0], size[1]);
      }
    }
    SequenceLengths lengths = new SequenceLengths(textTokens, image, video);
    if (maxSequenceLength > 0 && lengths.total() > maxSequenceLength) {
      throw new MediaException(Reason.TOO_LONG, lengths.total() + " tokens (text " + textTokens + ", image " + image + ", video "
          + video + "), over --maxSequenceLength=" + maxSequenceLength);
    }
    return lengths;
  }

  /** How many of a sample's videos are files, whose tokens {@link #measure} leaves out. */
  static long videosNotMeasured(Sample sample) {
    return sample.media(MediaKind.VIDEO).stream().filter(v -> v.resolved() != null && !v.resolved().isFrames()).count();
  }

  /** The failure of a sample {@link #measure} refused. */
  public static FailedRecord failure(Sample sample, MediaException e) {
    return FailedRecord.of(sample, STAGE, e.reason(), e.getMessage(),
        LlavaRecords.toJson(sample));
  }

  private static long[] size(ByteRange range) throws MediaException, IOException {
    long[] size;
    try (InputStream in = new BufferedInputStream(MediaResolver.open(range), 4096)) {
      size = Images.headerSize(in);
    }
    if (size == null) {
      throw new MediaException(Reason.MEDIA_CORRUPT, range.resource() + ": cannot read the image's size from its header");
    }
    return size;
  }

  private static long occurrences(String text, String token) {
    long n = 0;
    for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
      n++;
    }
    return n;
  }
}
