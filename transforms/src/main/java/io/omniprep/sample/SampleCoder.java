package io.omniprep.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A compact, deterministic coder for {@link Sample}: varints and length-prefixed UTF-8 in a fixed
 * field order (no Java serialization, no maps of unspecified order). A sample is encoded into a
 * reused per-thread buffer and handed to the runner's stream in one write (and read back in one
 * read, then decoded in place): runners wrap their shuffle buffers in streams that cost a call per
 * byte otherwise, and a sample crosses several shuffles, so this coder is on every hot path.
 */
public final class SampleCoder extends CustomCoder<Sample> {
  private static final SampleCoder INSTANCE = new SampleCoder();

  private SampleCoder() {}

  public static SampleCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link Sample} asks for. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Sample.class), INSTANCE);
  }

  @Override
  public void encode(Sample s, OutputStream out) throws IOException {
    WireWriter buffer = WireWriter.reused();
    encodeFields(s, buffer);
    Wire.writeInt(buffer.size(), out);
    buffer.writeTo(out);
  }

  @Override
  public Sample decode(InputStream in) throws IOException {
    int length = Wire.readInt(in);
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new java.io.EOFException("sample truncated");
    }
    return decodeFields(new WireReader(bytes));
  }

  private static void encodeFields(Sample s, WireWriter out) {
    out.writeString(s.key());
    out.writeString(s.source());
    out.writeLong(s.position());
    out.writeInt(s.ordinal());
    out.writeNullableString(s.idJson());
    out.writeString(s.conversationField());
    out.writeInt(s.turns().size());
    for (Turn t : s.turns()) {
      out.writeString(t.speaker());
      out.writeString(t.text());
      out.writeBoolean(t.roleContentKeys());
      out.writeNullableString(t.extraJson());
    }
    out.writeInt(s.media().size());
    for (MediaRef m : s.media()) {
      encodeMedia(m, out);
    }
    out.writeInt(s.fieldOrder().size());
    for (String f : s.fieldOrder()) {
      out.writeString(f);
    }
    out.writeInt(s.extras().size());
    for (Map.Entry<String, String> e : s.extras().entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
    out.writeNullableString(s.originalRecord());
  }

  private static Sample decodeFields(WireReader in) throws IOException {
    Sample.Builder b =
        Sample.builder()
            .key(in.readString())
            .source(in.readString())
            .position(in.readLong())
            .ordinal(in.readInt())
            .idJson(in.readNullableString())
            .conversationField(in.readString());
    int turns = in.readInt();
    for (int i = 0; i < turns; i++) {
      b.addTurn(
          new Turn(in.readString(), in.readString(), in.readBoolean(), in.readNullableString()));
    }
    int media = in.readInt();
    for (int i = 0; i < media; i++) {
      b.addMedia(decodeMedia(in));
    }
    int fields = in.readInt();
    List<String> order = new ArrayList<>(fields);
    for (int i = 0; i < fields; i++) {
      order.add(in.readString());
    }
    b.fieldOrder(order);
    int extras = in.readInt();
    Map<String, String> extraMap = new LinkedHashMap<>();
    for (int i = 0; i < extras; i++) {
      extraMap.put(in.readString(), in.readString());
    }
    b.extras(extraMap);
    b.originalRecord(in.readNullableString());
    return b.build();
  }

  private static void encodeMedia(MediaRef m, WireWriter out) {
    out.writeInt(m.kind().ordinal());
    out.writeString(m.field());
    out.writeInt(m.index() + 1);
    MediaLocation loc = m.location();
    out.writeBoolean(loc.isPatch());
    if (loc.isPatch()) {
      PatchRef p = loc.patchRef();
      out.writeString(p.patch());
      out.writeLong(p.start());
      out.writeBoolean(p.sizeIsList());
      long[] sizes = p.sizes();
      out.writeInt(sizes.length);
      for (long size : sizes) {
        out.writeLong(size);
      }
      out.writeNullableString(p.extraJson());
    } else {
      out.writeString(loc.path());
    }
    ResolvedMedia r = m.resolved();
    out.writeBoolean(r != null);
    if (r != null) {
      out.writeBoolean(r.isFrames());
      out.writeNullableString(r.fps());
      out.writeInt(r.parts().size());
      for (ByteRange range : r.parts()) {
        out.writeString(range.resource());
        out.writeLong(range.offset());
        out.writeLong(range.length());
      }
    }
  }

  private static MediaRef decodeMedia(WireReader in) throws IOException {
    MediaKind kind = MediaKind.values()[in.readInt()];
    String field = in.readString();
    int index = in.readInt() - 1;
    MediaLocation location;
    if (in.readBoolean()) {
      String patch = in.readString();
      long start = in.readLong();
      boolean list = in.readBoolean();
      long[] sizes = new long[in.readInt()];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = in.readLong();
      }
      PatchRef ref = list ? PatchRef.ofFrames(patch, start, sizes) : PatchRef.of(patch, start, sizes[0]);
      location = MediaLocation.patch(ref.withExtraJson(in.readNullableString()));
    } else {
      location = MediaLocation.path(in.readString());
    }
    ResolvedMedia resolved = null;
    if (in.readBoolean()) {
      boolean frames = in.readBoolean();
      String fps = in.readNullableString();
      int n = in.readInt();
      List<ByteRange> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parts.add(new ByteRange(in.readString(), in.readLong(), in.readLong()));
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
