package io.omniprep.dedup;

import io.omniprep.drop.DroppedSample;
import io.omniprep.drop.DuplicateOf;
import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A sample to leave out ({@code key}) because it duplicates the sample {@code keptKey}: exactly
 * ({@code distance} null), or as a near-duplicate whose images' hashes lie at most {@code distance}
 * bits from that sample's.
 */
public record Drop(String key, String keptKey, String keptSource, long keptPosition, @Nullable Integer distance)
    implements DuplicateOf, Serializable {
  /** An exact duplicate. */
  public Drop(String key, String keptKey, String keptSource, long keptPosition) {
    this(key, keptKey, keptSource, keptPosition, null);
  }

  @Override
  public String reason() {
    return distance == null ? DroppedSample.DUPLICATE : DroppedSample.NEAR_DUPLICATE;
  }

  @Override
  public String message() {
    String where = keptKey + " (" + keptSource + " position " + keptPosition;
    return distance == null
        ? "duplicate of " + where + ")"
        : "near-duplicate of " + where + ", images' hashes at most " + distance + " bits apart)";
  }

  public static final class Coder extends CustomCoder<Drop> {
    @Override
    public void encode(Drop d, OutputStream out) throws IOException {
      Wire.writeString(d.key(), out);
      Wire.writeString(d.keptKey(), out);
      Wire.writeString(d.keptSource(), out);
      Wire.writeLong(d.keptPosition(), out);
      Wire.writeInt(d.distance() == null ? -1 : d.distance(), out);
    }

    @Override
    public Drop decode(InputStream in) throws IOException {
      Drop d = new Drop(Wire.readString(in), Wire.readString(in), Wire.readString(in), Wire.readLong(in));
      int distance = Wire.readInt(in);
      return distance < 0 ? d : new Drop(d.key(), d.keptKey(), d.keptSource(), d.keptPosition(), distance);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
