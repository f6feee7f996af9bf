package io.omniprep.patch;

import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Phase one of packing a collection of samples: each distinct video decoded into its frames
 * ({@link VideoDecoder}), so the planner knows every item's exact size before any patch is cut.
 * The bytes stay in the temporary frame file and never travel through a shuffle. Other media pass
 * through.
 */
final class DecodeVideosFn extends DoFn<KV<String, PackItem>, KV<String, PackItem>> {
  private final VideoDecoder decoder;
  private final TupleTag<KV<String, PackOutcome>> failures;

  DecodeVideosFn(VideoDecoder decoder, TupleTag<KV<String, PackOutcome>> failures) {
    this.decoder = decoder;
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element KV<String, PackItem> element, MultiOutputReceiver out) throws IOException {
    VideoDecoder.Decoded decoded = decoder.decode(element.getValue());
    if (decoded.failure() != null) {
      out.get(failures).output(KV.of(element.getKey(), decoded.failure()));
    } else {
      out.get(PackPatches.READY).output(KV.of(element.getKey(), decoded.item()));
    }
  }
}
