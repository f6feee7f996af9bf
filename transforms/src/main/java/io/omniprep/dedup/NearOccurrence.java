package io.omniprep.dedup;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/** Where a sample lies and its images' perceptual hashes, in record order: what crosses the phash exchange. */
record NearOccurrence(Occurrence where, long[] hashes) {
  /** The largest distance between two samples' images, each to its counterpart; above 64 when their counts differ. */
  int distanceTo(NearOccurrence other) {
    if (hashes.length != other.hashes.length) {
      return Integer.MAX_VALUE;
    }
    int farthest = 0;
    for (int i = 0; i < hashes.length; i++) {
      farthest = Math.max(farthest, PerceptualHash.distance(hashes[i], other.hashes[i]));
    }
    return farthest;
  }

  static final class Coder extends CustomCoder<NearOccurrence> {
    private static final Occurrence.Coder WHERE = new Occurrence.Coder();

    @Override
    public void encode(NearOccurrence o, OutputStream out) throws IOException {
      WHERE.encode(o.where(), out);
      Wire.writeInt(o.hashes().length, out);
      for (long hash : o.hashes()) {
        Wire.writeLong(hash, out);
      }
    }

    @Override
    public NearOccurrence decode(InputStream in) throws IOException {
      Occurrence where = WHERE.decode(in);
      long[] hashes = new long[Wire.readInt(in)];
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = Wire.readLong(in);
      }
      return new NearOccurrence(where, hashes);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
