package io.omniprep.dedup;

import io.omniprep.sample.ByteRange;
import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * What crosses the exact-dedup exchange for a sample: where it lies, and where its media lie (file
 * and byte range, never the bytes), so that a probe group can hash its members' media whole.
 */
record ExactOccurrence(Occurrence where, List<ByteRange> media) {
  static final class Coder extends CustomCoder<ExactOccurrence> {
    private static final Occurrence.Coder WHERE = new Occurrence.Coder();

    @Override
    public void encode(ExactOccurrence o, OutputStream out) throws IOException {
      WHERE.encode(o.where(), out);
      Wire.writeInt(o.media().size(), out);
      for (ByteRange range : o.media()) {
        Wire.writeString(range.resource(), out);
        Wire.writeLong(range.offset(), out);
        Wire.writeLong(range.length(), out);
      }
    }

    @Override
    public ExactOccurrence decode(InputStream in) throws IOException {
      Occurrence where = WHERE.decode(in);
      int n = Wire.readInt(in);
      List<ByteRange> media = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        media.add(new ByteRange(Wire.readString(in), Wire.readLong(in), Wire.readLong(in)));
      }
      return new ExactOccurrence(where, media);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
