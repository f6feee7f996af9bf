package io.omniprep.filter;

import io.omniprep.drop.DroppedSample;
import io.omniprep.media.ImageFacts;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import io.omniprep.stats.MediaFacts;
import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/**
 * The size rules a valid sample must meet to be written ({@code --minSide}, {@code --maxAspect},
 * {@code --minDuration}, {@code --maxDuration}); a sample that breaks one is dropped with the rule
 * as its reason ({@code min_side}, {@code max_aspect}, {@code min_duration}, {@code max_duration}).
 * Images are judged by the size their header states (never decoded; one whose header gives no size
 * is left to the writer's checks); videos by their duration where it is known (frames / sidecar fps,
 * or the container's), so a video of unknown duration passes. A rule at 0 is off.
 */
public final class SampleFilter implements Serializable {
  private final int minSide;
  private final double maxAspect;
  private final double minDuration;
  private final double maxDuration;

  private SampleFilter(int minSide, double maxAspect, double minDuration, double maxDuration) {
    this.minSide = minSide;
    this.maxAspect = maxAspect;
    this.minDuration = minDuration;
    this.maxDuration = maxDuration;
  }

  /** Keeps every sample. */
  public static SampleFilter none() {
    return new SampleFilter(0, 0, 0, 0);
  }

  public static SampleFilter of(int minSide, double maxAspect, double minDuration, double maxDuration) {
    if (minSide < 0 || maxAspect < 0 || minDuration < 0 || maxDuration < 0) {
      throw new IllegalArgumentException("--minSide, --maxAspect, --minDuration and --maxDuration can not be negative");
    }
    if (maxAspect > 0 && maxAspect < 1) {
      throw new IllegalArgumentException("--maxAspect is the long side over the short side, at least 1, got " + maxAspect);
    }
    if (maxDuration > 0 && minDuration > maxDuration) {
      throw new IllegalArgumentException("--minDuration " + minDuration + " is over --maxDuration " + maxDuration);
    }
    return new SampleFilter(minSide, maxAspect, minDuration, maxDuration);
  }

  public boolean keepsAll() {
    return minSide == 0 && maxAspect == 0 && minDuration == 0 && maxDuration == 0;
  }

  /** The drop of {@code sample} by the first rule it breaks, medium by medium in record order; empty when it passes. */
  public Optional<DroppedSample> refuse(Sample sample) throws IOException {
    if (keepsAll()) {
      return Optional.empty();
    }
    for (MediaRef ref : sample.media()) {
      ResolvedMedia media = ref.resolved();
      if (media == null || media.parts().isEmpty()) {
        continue;
      }
      String what = ref.kind().label() + " " + ref.location().describe();
      if ((ref.kind() == MediaKind.IMAGE || ref.kind() == MediaKind.IMAGE_GEN) && (minSide > 0 || maxAspect > 0)) {
        ImageFacts image = MediaFacts.imageFacts(media.parts().get(0));
        if (!image.readable()) {
          continue;
        }
        int shortSide = Math.min(image.width(), image.height());
        int longSide = Math.max(image.width(), image.height());
        String size = image.width() + "x" + image.height();
        if (shortSide < minSide) {
          return drop(sample, "min_side", what + " is " + size + ", a side under --minSide=" + minSide);
        }
        if (maxAspect > 0 && (double) longSide / shortSide > maxAspect) {
          return drop(sample, "max_aspect", what + " is " + size + ", an aspect ratio over --maxAspect=" + maxAspect);
        }
      } else if (ref.kind() == MediaKind.VIDEO && (minDuration > 0 || maxDuration > 0)) {
        Double seconds = MediaFacts.duration(media);
        if (seconds == null) {
          continue;
        }
        String length = String.format(Locale.ROOT, "%.3f s", seconds);
        if (seconds < minDuration) {
          return drop(sample, "min_duration", what + " lasts " + length + ", under --minDuration=" + minDuration);
        }
        if (maxDuration > 0 && seconds > maxDuration) {
          return drop(sample, "max_duration", what + " lasts " + length + ", over --maxDuration=" + maxDuration);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<DroppedSample> drop(Sample sample, String reason, String message) {
    return Optional.of(new DroppedSample(sample, reason, message, null));
  }

  @Override
  public String toString() {
    return "minSide=" + minSide + " maxAspect=" + maxAspect + " minDuration=" + minDuration + " maxDuration=" + maxDuration;
  }
}
