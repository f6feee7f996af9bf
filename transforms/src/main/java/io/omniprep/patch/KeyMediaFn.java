package io.omniprep.patch;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.llava.LlavaRecords;
import io.omniprep.media.MediaException;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Splits each sample into what the packing needs: the sample itself keyed by its key (text only,
 * for the final join), one {@link PackItem} per medium keyed by its identity (deduplicated later),
 * and one use per medium (item key → sample key and media index) to bring the new references back.
 * A sample with an image or audio patch reference holding several sizes cannot be written as Ola
 * reads it and fails here.
 */
final class KeyMediaFn extends DoFn<Sample, KV<String, Sample>> {
  private final TupleTag<KV<String, Sample>> samples;
  private final TupleTag<KV<String, PackItem>> items;
  private final TupleTag<KV<String, KV<String, Integer>>> uses;
  private final TupleTag<FailedRecord> rejected;

  KeyMediaFn(
      TupleTag<KV<String, Sample>> samples,
      TupleTag<KV<String, PackItem>> items,
      TupleTag<KV<String, KV<String, Integer>>> uses,
      TupleTag<FailedRecord> rejected) {
    this.samples = samples;
    this.items = items;
    this.uses = uses;
    this.rejected = rejected;
  }

  @ProcessElement
  public void process(@Element Sample sample, MultiOutputReceiver out) {
    List<PackItem> media = new ArrayList<>(sample.media().size());
    try {
      for (MediaRef ref : sample.media()) {
        media.add(item(ref));
      }
    } catch (MediaException e) {
      out.get(rejected)
          .output(FailedRecord.of(sample, PackPatches.STAGE, e.reason(),
              e.getMessage(), LlavaRecords.toJson(sample)));
      return;
    }
    out.get(samples).output(KV.of(sample.key(), sample));
    for (int i = 0; i < media.size(); i++) {
      PackItem item = media.get(i);
      out.get(items).output(KV.of(item.key(), item));
      out.get(uses).output(KV.of(item.key(), KV.of(sample.key(), i)));
    }
  }

  static PackItem item(MediaRef ref) throws MediaException {
    String label = label(ref);
    ResolvedMedia resolved = ref.requireResolved();
    if (ref.location().isPatch()) {
      return copied(ref, label, resolved);
    }
    if (resolved.isFrames()) {
      throw new IllegalStateException("pack-patches decodes videos itself: validate with VideoAs.FILE, not frame folders");
    }
    ByteRange file = resolved.parts().get(0);
    String path = file.resource();
    boolean video = label.equals("video");
    return new PackItem(label + "\0" + path, label, path, path, video, List.of(file), video, null);
  }

  /** A medium that already is a patch reference: its bytes are copied as they are. */
  private static PackItem copied(MediaRef ref, String label, ResolvedMedia resolved) throws MediaException {
    PatchRef patch = ref.location().patchRef();
    boolean list = patch.sizeIsList();
    if (list && !label.equals("video")) {
      // The reference script writes images as a one-element list, which Ola cannot load: unwrap it.
      if (patch.sizes().length != 1) {
        throw new MediaException(Reason.WRONG_TYPE,
            ref.field() + " " + patch + ": an " + label + " patch reference needs one size, not a list of " + patch.sizes().length);
      }
      list = false;
    }
    if (resolved.parts().isEmpty()) {
      throw new MediaException(Reason.MEDIA_CORRUPT, ref.field() + " " + patch + " holds no frames");
    }
    String resource = resolved.parts().get(0).resource();
    String origin = resource + "@" + patch.start();
    String key = String.join("\0", label, resource, Long.toString(patch.start()), Arrays.toString(patch.sizes()),
        Boolean.toString(list), String.valueOf(patch.extraJson()));
    return new PackItem(key, label, null, origin, false, resolved.parts(), list, patch.extraJson());
  }

  /** The mapping label, and how Ola reads the reference: images and audio as one blob, videos as frames. */
  private static String label(MediaRef ref) {
    switch (ref.kind()) {
      case VIDEO:
        return "video";
      case AUDIO:
      case AUDIO_Q:
        return "audio";
      default:
        return "image";
    }
  }
}
