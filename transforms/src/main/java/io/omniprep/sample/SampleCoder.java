package io.omniprep.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * A compact, deterministic coder for {@link Sample}: varints and length-prefixed UTF-8 in a fixed
 * field order (no Java serialization, no maps of unspecified order). A sample is encoded into a
 * buffer and handed to the runner's stream in one write (and read back in one read): runners wrap
 * their shuffle buffers in streams that cost a call per byte otherwise.
 */
public final class SampleCoder extends CustomCoder<Sample> {
  private static final SampleCoder INSTANCE = new SampleCoder();

  private SampleCoder() {}

  public static SampleCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Sample s, OutputStream out) throws IOException {
    ExposedByteArrayOutputStream buffer = new ExposedByteArrayOutputStream(256);
    encodeFields(s, buffer);
    Wire.writeInt(buffer.size(), out);
    out.write(buffer.array(), 0, buffer.size());
  }

  @Override
  public Sample decode(InputStream in) throws IOException {
    int length = Wire.readInt(in);
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new java.io.EOFException("sample truncated");
    }
    return decodeFields(new UnsynchronizedByteArrayInputStream(bytes));
  }

  private static void encodeFields(Sample s, OutputStream out) throws IOException {
    Wire.writeString(s.key(), out);
    Wire.writeString(s.source(), out);
    Wire.writeLong(s.position(), out);
    Wire.writeInt(s.ordinal(), out);
    Wire.writeNullableString(s.idJson(), out);
    Wire.writeString(s.conversationField(), out);
    Wire.writeInt(s.turns().size(), out);
    for (Turn t : s.turns()) {
      Wire.writeString(t.speaker(), out);
      Wire.writeString(t.text(), out);
      Wire.writeBoolean(t.roleContentKeys(), out);
      Wire.writeNullableString(t.extraJson(), out);
    }
    Wire.writeInt(s.media().size(), out);
    for (MediaRef m : s.media()) {
      encodeMedia(m, out);
    }
    Wire.writeInt(s.fieldOrder().size(), out);
    for (String f : s.fieldOrder()) {
      Wire.writeString(f, out);
    }
    Wire.writeInt(s.extras().size(), out);
    for (Map.Entry<String, String> e : s.extras().entrySet()) {
      Wire.writeString(e.getKey(), out);
      Wire.writeString(e.getValue(), out);
    }
    Wire.writeNullableString(s.originalRecord(), out);
  }

  private static Sample decodeFields(InputStream in) throws IOException {
    Sample.Builder b =
        Sample.builder()
            .key(Wire.readString(in))
            .source(Wire.readString(in))
            .position(Wire.readLong(in))
            .ordinal(Wire.readInt(in))
            .idJson(Wire.readNullableString(in))
            .conversationField(Wire.readString(in));
    int turns = Wire.readInt(in);
    for (int i = 0; i < turns; i++) {
      b.addTurn(
          new Turn(Wire.readString(in), Wire.readString(in), Wire.readBoolean(in), Wire.readNullableString(in)));
    }
    int media = Wire.readInt(in);
    for (int i = 0; i < media; i++) {
      b.addMedia(decodeMedia(in));
    }
    int fields = Wire.readInt(in);
    List<String> order = new ArrayList<>(fields);
    for (int i = 0; i < fields; i++) {
      order.add(Wire.readString(in));
    }
    b.fieldOrder(order);
    int extras = Wire.readInt(in);
    Map<String, String> extraMap = new LinkedHashMap<>();
    for (int i = 0; i < extras; i++) {
      extraMap.put(Wire.readString(in), Wire.readString(in));
    }
    b.extras(extraMap);
    b.originalRecord(Wire.readNullableString(in));
    return b.build();
  }

  private static void encodeMedia(MediaRef m, OutputStream out) throws IOException {
    Wire.writeInt(m.kind().ordinal(), out);
    Wire.writeString(m.field(), out);
    Wire.writeInt(m.index() + 1, out);
    MediaLocation loc = m.location();
    Wire.writeBoolean(loc.isPatch(), out);
    if (loc.isPatch()) {
      PatchRef p = loc.patchRef();
      Wire.writeString(p.patch(), out);
      Wire.writeLong(p.start(), out);
      Wire.writeBoolean(p.sizeIsList(), out);
      long[] sizes = p.sizes();
      Wire.writeInt(sizes.length, out);
      for (long size : sizes) {
        Wire.writeLong(size, out);
      }
      Wire.writeNullableString(p.extraJson(), out);
    } else {
      Wire.writeString(loc.path(), out);
    }
    ResolvedMedia r = m.resolved();
    Wire.writeBoolean(r != null, out);
    if (r != null) {
      Wire.writeBoolean(r.isFrames(), out);
      Wire.writeNullableString(r.fps(), out);
      Wire.writeInt(r.parts().size(), out);
      for (ByteRange range : r.parts()) {
        Wire.writeString(range.resource(), out);
        Wire.writeLong(range.offset(), out);
        Wire.writeLong(range.length(), out);
      }
    }
  }

  private static MediaRef decodeMedia(InputStream in) throws IOException {
    MediaKind kind = MediaKind.values()[Wire.readInt(in)];
    String field = Wire.readString(in);
    int index = Wire.readInt(in) - 1;
    MediaLocation location;
    if (Wire.readBoolean(in)) {
      String patch = Wire.readString(in);
      long start = Wire.readLong(in);
      boolean list = Wire.readBoolean(in);
      long[] sizes = new long[Wire.readInt(in)];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = Wire.readLong(in);
      }
      PatchRef ref = list ? PatchRef.ofFrames(patch, start, sizes) : PatchRef.of(patch, start, sizes[0]);
      location = MediaLocation.patch(ref.withExtraJson(Wire.readNullableString(in)));
    } else {
      location = MediaLocation.path(Wire.readString(in));
    }
    ResolvedMedia resolved = null;
    if (Wire.readBoolean(in)) {
      boolean frames = Wire.readBoolean(in);
      String fps = Wire.readNullableString(in);
      int n = Wire.readInt(in);
      List<ByteRange> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parts.add(new ByteRange(Wire.readString(in), Wire.readLong(in), Wire.readLong(in)));
      }
      resolved = frames ? ResolvedMedia.frames(parts, fps) : ResolvedMedia.single(parts.get(0));
    }
    return new MediaRef(kind, field, index, location, resolved);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
