package io.omniprep.patch;

import io.omniprep.errors.Reason;
import io.omniprep.sample.MediaLocation;
import io.omniprep.sample.PatchRef;
import io.omniprep.sample.ResolvedMedia;
import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What became of one medium: its new patch reference (and the patch file actually written, which
 * differs from the reference's path when {@code --patchPathPrefix} points elsewhere), or why it
 * could not be packed.
 */
final class PackOutcome implements Serializable {
  private final @Nullable PatchRef ref;
  private final @Nullable String patchFile;
  private final @Nullable Reason reason;
  private final @Nullable String message;

  private PackOutcome(@Nullable PatchRef ref, @Nullable String patchFile, @Nullable Reason reason, @Nullable String message) {
    this.ref = ref;
    this.patchFile = patchFile;
    this.reason = reason;
    this.message = message;
  }

  static PackOutcome packed(PatchRef ref, String patchFile) {
    return new PackOutcome(Objects.requireNonNull(ref), Objects.requireNonNull(patchFile), null, null);
  }

  static PackOutcome failed(Reason reason, String message) {
    return new PackOutcome(null, null, Objects.requireNonNull(reason), Objects.requireNonNull(message));
  }

  boolean isPacked() {
    return ref != null;
  }

  PatchRef ref() {
    return Objects.requireNonNull(ref, "a failed medium has no reference");
  }

  Reason reason() {
    return Objects.requireNonNull(reason, "a packed medium has no failure reason");
  }

  String message() {
    return Objects.requireNonNull(message, "a packed medium has no failure message");
  }

  MediaLocation location() {
    return MediaLocation.patch(ref());
  }

  /** The bytes of the new reference in the patch file as written, for stages that read them next. */
  ResolvedMedia resolved() {
    return ResolvedMedia.inPatch(Objects.requireNonNull(patchFile), ref());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof PackOutcome)) {
      return false;
    }
    PackOutcome p = (PackOutcome) o;
    return Objects.equals(ref, p.ref)
        && Objects.equals(patchFile, p.patchFile)
        && reason == p.reason
        && Objects.equals(message, p.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ref, patchFile, reason, message);
  }

  @Override
  public String toString() {
    return isPacked() ? "packed " + ref : "failed " + reason + ": " + message;
  }

  /** Deterministic coder. */
  static final class Coder extends CustomCoder<PackOutcome> {
    private static final Coder INSTANCE = new Coder();

    static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(PackOutcome o, OutputStream out) throws IOException {
      Wire.writeBoolean(o.isPacked(), out);
      if (!o.isPacked()) {
        Wire.writeInt(o.reason().ordinal(), out);
        Wire.writeString(o.message(), out);
        return;
      }
      PatchRef r = o.ref();
      Wire.writeString(Objects.requireNonNull(o.patchFile), out);
      Wire.writeString(r.patch(), out);
      Wire.writeLong(r.start(), out);
      Wire.writeBoolean(r.sizeIsList(), out);
      long[] sizes = r.sizes();
      Wire.writeInt(sizes.length, out);
      for (long s : sizes) {
        Wire.writeLong(s, out);
      }
      Wire.writeNullableString(r.extraJson(), out);
    }

    @Override
    public PackOutcome decode(InputStream in) throws IOException {
      if (!Wire.readBoolean(in)) {
        return failed(Reason.values()[Wire.readInt(in)], Wire.readString(in));
      }
      String file = Wire.readString(in);
      String patch = Wire.readString(in);
      long start = Wire.readLong(in);
      boolean list = Wire.readBoolean(in);
      long[] sizes = new long[Wire.readInt(in)];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = Wire.readLong(in);
      }
      PatchRef ref = list ? PatchRef.ofFrames(patch, start, sizes) : PatchRef.of(patch, start, sizes[0]);
      return packed(ref.withExtraJson(Wire.readNullableString(in)), file);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
