package io.omniprep.patch;

import io.omniprep.util.Sha256;
import io.omniprep.media.LocalMedia;

import io.omniprep.av.AvException;
import io.omniprep.av.FrameExtractor;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.ByteRange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import java.io.Serializable;

/**
 * Decodes a video into its patch frames (standalone JPEGs, {@code fps}, at most {@code maxFrames}
 * spread uniformly) written back to back to a temporary frame file under {@code framesDirectory},
 * so that every item's exact size is known before a patch is cut; the patch writer copies the
 * frames from there. Remote videos are copied to a local temporary file for FFmpeg and deleted
 * after. One decoder thread: videos already decode in parallel, one per worker thread.
 */
final class VideoDecoder implements Serializable {
  private final String framesDirectory;
  private final FrameExtractor extractor;
  private final double fps;
  private final int maxFrames;

  VideoDecoder(String framesDirectory, int jpegQuality, double fps, int maxFrames) {
    this.framesDirectory = framesDirectory;
    this.extractor = new FrameExtractor().withJpegQuality(jpegQuality).withDecoderThreads(1);
    this.fps = fps;
    this.maxFrames = maxFrames;
  }

  /** A decoded video (the item now its frames) or why it could not be. */
  record Decoded(PackItem item, PackOutcome failure) {}

  /** The item as frames, or its failure; an item that needs no decoding is returned as it is. */
  Decoded decode(PackItem item) throws IOException {
    if (!item.decode()) {
      return new Decoded(item, null);
    }
    String video = item.parts().get(0).resource();
    ResourceId frames = frameFile(item);
    List<Long> sizes = new ArrayList<>();
    try (LocalMedia local = LocalMedia.of(video)) {
      AtomicFiles.write(
          frames,
          o -> extractor.extractForPatch(local.path(), fps, maxFrames, f -> {
            o.write(f.jpeg());
            sizes.add((long) f.jpeg().length);
          }));
    } catch (AvException e) {
      Reason reason = e.reason() == AvException.Reason.NO_VIDEO_STREAM ? Reason.MEDIA_CORRUPT : Reason.CANNOT_DECODE;
      return new Decoded(null, PackOutcome.failed(reason, e.getMessage()));
    } catch (FileNotFoundException | NoSuchFileException e) {
      return new Decoded(null, PackOutcome.failed(Reason.MEDIA_MISSING, "video not found: " + video));
    }
    List<ByteRange> ranges = new ArrayList<>(sizes.size());
    long offset = 0;
    for (long size : sizes) {
      ranges.add(new ByteRange(frames.toString(), offset, size));
      offset += size;
    }
    Counters.named("videos_decoded").inc();
    Counters.named("video_frames").inc(sizes.size());
    return new Decoded(item.withFrames(ranges), null);
  }

  /** Where a video item's frames are kept until its patch is written. */
  ResourceId frameFile(PackItem item) {
    return AtomicFiles.resolve(AtomicFiles.directory(framesDirectory), frameFileName(item.key()));
  }

  /** A stable name per item, so a retried bundle rewrites the same file. */
  static String frameFileName(String itemKey) {
    return HexFormat.of().formatHex(Sha256.of(itemKey), 0, 16) + ".frames";
  }
}
