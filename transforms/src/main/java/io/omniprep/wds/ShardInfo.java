package io.omniprep.wds;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A written shard: its number, its path relative to the output folder, its split (empty when
 * splits are assigned per shard afterwards), how many samples it holds and their payload bytes.
 */
@DefaultCoder(ShardInfo.Coder.class)
public record ShardInfo(int number, String path, String split, long samples, long payloadBytes)
    implements Serializable {

  /** Deterministic coder. */
  public static final class Coder extends CustomCoder<ShardInfo> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    /** What {@code @DefaultCoder} on {@link ShardInfo} asks for. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ShardInfo.class), INSTANCE);
    }

    @Override
    public void encode(ShardInfo s, OutputStream out) throws IOException {
      Wire.writeInt(s.number(), out);
      Wire.writeString(s.path(), out);
      Wire.writeString(s.split(), out);
      Wire.writeLong(s.samples(), out);
      Wire.writeLong(s.payloadBytes(), out);
    }

    @Override
    public ShardInfo decode(InputStream in) throws IOException {
      return new ShardInfo(Wire.readInt(in), Wire.readString(in), Wire.readString(in), Wire.readLong(in), Wire.readLong(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
