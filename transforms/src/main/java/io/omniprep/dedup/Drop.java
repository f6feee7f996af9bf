package io.omniprep.dedup;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CustomCoder;

/** A sample to leave out ({@code key}) because it duplicates the kept sample {@code keptKey}. */
public record Drop(String key, String keptKey, String keptSource, long keptPosition) implements Serializable {
  public static final class Coder extends CustomCoder<Drop> {
    @Override
    public void encode(Drop d, OutputStream out) throws IOException {
      Wire.writeString(d.key(), out);
      Wire.writeString(d.keptKey(), out);
      Wire.writeString(d.keptSource(), out);
      Wire.writeLong(d.keptPosition(), out);
    }

    @Override
    public Drop decode(InputStream in) throws IOException {
      return new Drop(Wire.readString(in), Wire.readString(in), Wire.readString(in), Wire.readLong(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
