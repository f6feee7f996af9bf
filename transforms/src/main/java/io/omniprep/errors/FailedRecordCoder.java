package io.omniprep.errors;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Deterministic coder for {@link FailedRecord}. */
public final class FailedRecordCoder extends CustomCoder<FailedRecord> {
  private static final FailedRecordCoder INSTANCE = new FailedRecordCoder();

  private FailedRecordCoder() {}

  public static FailedRecordCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link FailedRecord} asks for. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(FailedRecord.class), INSTANCE);
  }

  @Override
  public void encode(FailedRecord f, OutputStream out) throws IOException {
    Wire.writeString(f.source(), out);
    Wire.writeLong(f.position(), out);
    Wire.writeNullableString(f.idJson(), out);
    Wire.writeString(f.stage(), out);
    Wire.writeInt(f.reason().ordinal(), out);
    Wire.writeString(f.message(), out);
    Wire.writeString(f.record(), out);
  }

  @Override
  public FailedRecord decode(InputStream in) throws IOException {
    return FailedRecord.of(
        Wire.readString(in),
        Wire.readLong(in),
        Wire.readNullableString(in),
        Wire.readString(in),
        Reason.values()[Wire.readInt(in)],
        Wire.readString(in),
        Wire.readString(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
