package io.omniprep.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import io.omniprep.json.Json;
import io.omniprep.media.Images;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaResolver;
import io.omniprep.metrics.Counters;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.PatchRef;
import io.omniprep.util.Lookahead;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes one patch file: each item's bytes appended in order, no header, no padding, the file
 * renamed into place only when complete. Offsets are counted as bytes are written, so an item that
 * turns out missing or corrupt is simply left out (and reported) without leaving a hole. Images
 * and frames are read whole and checked (after base64 decoding when their reference says so)
 * before a byte is written, ahead of the writer on the shared pool ({@link Lookahead}); other media
 * (audio, a video stored as one blob) are streamed.
 */
final class PatchFile {
  private static final ObjectMapper JSON = Json.MAPPER;
  /**
   * Images are read and checked on the shared read-ahead pool, this many ahead of the one being
   * appended and holding at most this many bytes together: a patch's writer then uses every core,
   * as the WebDataset writer does, while its patch is still appended in item order.
   */
  private static final int READ_WINDOW = 32;
  private static final long READ_WINDOW_BYTES = 64L << 20;

  private PatchFile() {}

  /**
   * Writes {@code items} to {@code file}, referenced as {@code reference} (the prefix and the
   * patch's name); returns each item's outcome, in order. Images whose header claims more than
   * {@code maxPixels} pixels are refused as they are read (the resolver left that check here, so
   * that no image is opened twice). A patch none of whose items could be packed is deleted rather
   * than left empty.
   */
  static List<PackOutcome> write(ResourceId file, String reference, List<PackItem> items, long maxPixels) throws IOException {
    List<PackOutcome> outcomes = new ArrayList<>();
    long[] written = {0};
    AtomicFiles.write(
        file,
        o -> {
          int i = 0;
          for (Lookahead.Outcome<List<byte[]>> read :
              Lookahead.ordered(items, READ_WINDOW, READ_WINDOW_BYTES, PatchFile::bytesReadAhead, item -> readChecked(item, maxPixels))) {
            PackItem item = items.get(i++);
            if (read.failure() instanceof IOException e) {
              throw e;
            }
            try {
              List<byte[]> checked = read.get(MediaException.class);
              long[] sizes = checked != null ? append(checked, o) : stream(item, o);
              PatchRef ref = item.sizeIsList() ? PatchRef.ofFrames(reference, written[0], sizes) : PatchRef.of(reference, written[0], sizes[0]);
              outcomes.add(PackOutcome.packed(ref.withExtraJson(item.extraJson()), file.toString()));
              written[0] += ref.totalSize();
            } catch (MediaException e) {
              outcomes.add(PackOutcome.failed(e.reason(), e.getMessage()));
            }
          }
        });
    if (outcomes.stream().noneMatch(PackOutcome::isPacked)) {
      AtomicFiles.delete(List.of(file));
    }
    return outcomes;
  }

  /**
   * Counts a written patch's packed media, hands on the mapping entry (its path as {@code
   * mappingKey} names it → label and reference) of each packed file and writes them as the patch's
   * part of the mapping ({@link MappingPart});
   * returns how many items were packed (0: no patch was left, and no part is written).
   */
  static int reportPacked(List<PackItem> items, List<PackOutcome> outcomes, String outputDirectory, String patchName,
      UnaryOperator<String> mappingKey, Consumer<KV<String, KV<String, PackOutcome>>> mapping) throws IOException {
    int packed = 0;
    Map<String, Map<String, PackOutcome>> members = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      PackItem item = items.get(i);
      PackOutcome outcome = outcomes.get(i);
      if (outcome.isPacked()) {
        packed++;
        if (item.path() != null) {
          String key = mappingKey.apply(item.path());
          mapping.accept(KV.of(key, KV.of(item.label(), outcome)));
          members.computeIfAbsent(key, p -> new TreeMap<>()).put(item.label(), outcome);
        }
      }
    }
    if (packed > 0) {
      Counters.named("patches_written").inc();
      Counters.named("media_packed").inc(packed);
      MappingPart.write(outputDirectory, patchName, members);
    }
    return packed;
  }

  /** Whether an item is read whole and checked before it is appended (images, frames), or streamed. */
  private static boolean readWhole(PackItem item) {
    return item.sizeIsList() || item.label().equals("image");
  }

  /** The bytes an item holds while it waits, read ahead, to be appended. */
  private static long bytesReadAhead(PackItem item) {
    return readWhole(item) ? item.parts().stream().mapToLong(ByteRange::length).sum() : 0;
  }

  /**
   * An image's or frames' bytes, each read whole and checked (after base64 decoding when their
   * reference says so); null for media that are streamed when appended.
   */
  private static @Nullable List<byte[]> readChecked(PackItem item, long maxPixels) throws MediaException, IOException {
    if (!readWhole(item)) {
      return null;
    }
    boolean base64 = isBase64(item);
    List<byte[]> checked = new ArrayList<>(item.parts().size());
    for (ByteRange part : item.parts()) {
      byte[] bytes = read(part, item);
      byte[] image = base64 ? decodeBase64(bytes, item) : bytes;
      Images.requirePixelsAtMost(new ByteArrayInputStream(image), maxPixels, item.origin());
      Images.check(image, item.origin());
      checked.add(bytes);
    }
    return checked;
  }

  /** Appends checked parts; returns their sizes. */
  private static long[] append(List<byte[]> checked, OutputStream out) throws IOException {
    long[] sizes = new long[checked.size()];
    for (int i = 0; i < sizes.length; i++) {
      out.write(checked.get(i));
      sizes[i] = checked.get(i).length;
    }
    return sizes;
  }

  /** Streams an item's parts (audio, a video stored whole); returns their sizes. */
  private static long[] stream(PackItem item, OutputStream out) throws MediaException, IOException {
    List<ByteRange> parts = item.parts();
    long[] sizes = new long[parts.size()];
    for (int i = 0; i < sizes.length; i++) {
      try (InputStream in = open(parts.get(i), item)) {
        sizes[i] = in.transferTo(out);
      }
    }
    return sizes;
  }

  /** Ola's readers base64-decode the stored bytes of a reference marked so (misspelling included). */
  private static boolean isBase64(PackItem item) throws IOException {
    if (item.extraJson() == null) {
      return false;
    }
    JsonNode extra = JSON.readTree(item.extraJson());
    return "base64".equals(extra.path("image_encoding").asText(extra.path("image_encoing").asText()));
  }

  private static byte[] decodeBase64(byte[] text, PackItem item) throws MediaException {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, item.origin() + " is marked base64 but is not: " + e.getMessage());
    }
  }

  private static byte[] read(ByteRange range, PackItem item) throws MediaException, IOException {
    try {
      return MediaResolver.read(range);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new MediaException(Reason.MEDIA_MISSING, item.origin() + " is gone: " + range.resource());
    } catch (EOFException e) {
      throw new MediaException(Reason.MEDIA_CORRUPT, item.origin() + " is shorter than when it was validated: " + e.getMessage());
    }
  }

  /**
   * A stream of exactly the range; a file that is missing fails the item before anything is
   * written. A stream that ends early fails the bundle (the file changed during the job).
   */
  private static InputStream open(ByteRange range, PackItem item) throws MediaException, IOException {
    try {
      return MediaResolver.open(range);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new MediaException(Reason.MEDIA_MISSING, item.origin() + " is gone: " + range.resource());
    }
  }
}
