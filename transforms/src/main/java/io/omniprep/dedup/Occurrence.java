package io.omniprep.dedup;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import org.apache.beam.sdk.coders.CustomCoder;

/** Where a sample with a given hash lies: the only thing of a sample that crosses the dedup exchange. */
record Occurrence(String source, long position, long ordinal, String key) {
  /** The copy kept is the first by (source, position). */
  static final Comparator<Occurrence> FIRST = Comparator.comparing(Occurrence::source).thenComparingLong(Occurrence::position);

  static final class Coder extends CustomCoder<Occurrence> {
    @Override
    public void encode(Occurrence o, OutputStream out) throws IOException {
      Wire.writeString(o.source(), out);
      Wire.writeLong(o.position(), out);
      Wire.writeLong(o.ordinal(), out);
      Wire.writeString(o.key(), out);
    }

    @Override
    public Occurrence decode(InputStream in) throws IOException {
      return new Occurrence(Wire.readString(in), Wire.readLong(in), Wire.readLong(in), Wire.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
