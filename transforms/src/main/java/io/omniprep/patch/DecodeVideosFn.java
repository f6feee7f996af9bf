package io.omniprep.patch;

import io.omniprep.media.LocalMedia;

import io.omniprep.av.AvException;
import io.omniprep.av.FrameExtractor;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.ByteRange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Phase one of packing: decodes each distinct video into its patch frames (standalone JPEGs) and
 * writes them, back to back, to a temporary frame file under the output folder, so the planner
 * knows every item's exact size before any patch is cut. The bytes stay in that file: the patch
 * writer reads them from there, and they never travel through a shuffle. Other media pass through.
 * Remote videos are copied to a local temporary file for FFmpeg and deleted after.
 */
final class DecodeVideosFn extends DoFn<KV<String, PackItem>, KV<String, PackItem>> {
  private final String framesDirectory;
  private final FrameExtractor extractor;
  private final double fps;
  private final int maxFrames;
  private final TupleTag<KV<String, PackOutcome>> failures;

  DecodeVideosFn(String framesDirectory, int jpegQuality, double fps, int maxFrames, TupleTag<KV<String, PackOutcome>> failures) {
    this.framesDirectory = framesDirectory;
    // One decoder thread: many videos decode in parallel already, one per worker thread.
    this.extractor = new FrameExtractor().withJpegQuality(jpegQuality).withDecoderThreads(1);
    this.fps = fps;
    this.maxFrames = maxFrames;
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element KV<String, PackItem> element, MultiOutputReceiver out) throws IOException {
    PackItem item = element.getValue();
    if (!item.decode()) {
      out.get(PackPatches.READY).output(element);
      return;
    }
    String video = item.parts().get(0).resource();
    ResourceId frames = AtomicFiles.resolve(AtomicFiles.directory(framesDirectory), frameFileName(item.key()));
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
      out.get(failures).output(KV.of(element.getKey(), PackOutcome.failed(reason, e.getMessage())));
      return;
    } catch (FileNotFoundException | NoSuchFileException e) {
      out.get(failures).output(KV.of(element.getKey(), PackOutcome.failed(Reason.MEDIA_MISSING, "video not found: " + video)));
      return;
    }
    List<ByteRange> ranges = new ArrayList<>(sizes.size());
    long offset = 0;
    for (long size : sizes) {
      ranges.add(new ByteRange(frames.toString(), offset, size));
      offset += size;
    }
    Counters.named("videos_decoded").inc();
    Counters.named("video_frames").inc(sizes.size());
    out.get(PackPatches.READY).output(KV.of(element.getKey(), item.withFrames(ranges)));
  }

  /** A stable name per item, so a retried bundle rewrites the same file. */
  static String frameFileName(String itemKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(itemKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16) + ".frames";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
