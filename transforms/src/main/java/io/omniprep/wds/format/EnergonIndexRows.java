package io.omniprep.wds.format;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One shard's rows of Energon's {@code index.sqlite} ({@link EnergonIndexDb}), as its writer knows
 * them from the offsets it wrote, so the index is built without reading a tar again. Collected by
 * a {@link Builder} while the tar is written, kept per shard in a small binary part file, merged
 * by the job's last step.
 *
 * <p>The rows follow what {@code energon prepare} derives from a tar: members are grouped into
 * samples by consecutive base names (the member name up to the first dot of its last path
 * component: {@link #MEMBER_NAME}); members named {@code __...__} are not sample parts. A sample's
 * {@code byte_offset} is the first header of its first member (a PAX header when one precedes it),
 * its {@code byte_size} runs to the next sample's first header, or for the last sample to the
 * end-of-archive blocks; a part's offset is its first data byte and its size the data size
 * without padding. {@code sample_index} is the sample's position in the shard and {@code
 * tar_file_id} the shard's position in {@code .info.json}, both given when merged.
 *
 * <p>Part file format (big-endian): {@code "OPIR"}, version 1, the sample count; per sample its
 * key, byte offset, byte size and part count; per part its name, data offset, size and either 0 or
 * 1 followed by the media metadata type and JSON; strings as a length and UTF-8 bytes; {@code
 * "END!"} last, so that a cut file is refused.
 */
public final class EnergonIndexRows {
  /** Energon's member name rule: key, then a dot, then the part name (no '/' after the dot). */
  public static final Pattern MEMBER_NAME = Pattern.compile("^((?:.*/|)[^.]+)[.]([^/]*)$");
  /** Member names energon leaves out of samples: a path starting {@code __...__}. */
  private static final Pattern META_NAME = Pattern.compile("^__[^/]*__($|/)");

  private static final int MAGIC = 0x4F504952; // "OPIR"
  private static final int END = 0x454E4421; // "END!"
  private static final int VERSION = 1;

  private EnergonIndexRows() {}

  /** Media metadata of one part: Energon's {@code metadata_type} and {@code metadata_json}. */
  public record Media(String type, String json) {}

  /** A row of {@code sample_parts}, with the part's media metadata if it has any. */
  public record Part(String name, long dataOffset, long size, @Nullable Media media) {}

  /** A row of {@code samples} and its parts, in member order. */
  public record Sample(String key, long byteOffset, long byteSize, List<Part> parts) {}

  /** Collects the rows of one tar from its members, in the order they were written. */
  public static final class Builder {
    private final List<Sample> samples = new ArrayList<>();
    private String key;
    private long start;
    private List<Part> parts;
    private boolean finished;

    /** A member as written ({@link TarWriter.MemberStream#member()}) and its media metadata, if any. */
    public void member(TarMember member, @Nullable Media media) {
      if (finished) {
        throw new IllegalStateException("finish() was already called");
      }
      if (META_NAME.matcher(member.name()).find()) {
        return;
      }
      Matcher m = MEMBER_NAME.matcher(member.name());
      if (!m.matches()) {
        return; // energon skips a member without an extension
      }
      String base = m.group(1);
      if (!base.equals(key)) {
        close(member.headerOffset());
        key = base;
        start = member.headerOffset();
        parts = new ArrayList<>();
      }
      parts.add(new Part(m.group(2), member.dataOffset(), member.size(), media));
    }

    /** The rows, given where the end-of-archive blocks start ({@link TarWriter#finish()}). */
    public List<Sample> finish(long endOfArchive) {
      if (!finished) {
        close(endOfArchive);
        finished = true;
      }
      return samples;
    }

    private void close(long next) {
      if (key != null) {
        samples.add(new Sample(key, start, next - start, List.copyOf(parts)));
        key = null;
      }
    }
  }

  /** Writes a shard's rows as a part file. */
  public static void write(OutputStream out, List<Sample> samples) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    data.writeInt(samples.size());
    for (Sample s : samples) {
      string(data, s.key());
      data.writeLong(s.byteOffset());
      data.writeLong(s.byteSize());
      data.writeInt(s.parts().size());
      for (Part p : s.parts()) {
        string(data, p.name());
        data.writeLong(p.dataOffset());
        data.writeLong(p.size());
        if (p.media() == null) {
          data.writeByte(0);
        } else {
          data.writeByte(1);
          string(data, p.media().type());
          string(data, p.media().json());
        }
      }
    }
    data.writeInt(END);
    data.flush();
  }

  /** Reads a part file written by {@link #write}; refuses anything else, or a cut file. */
  public static List<Sample> read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not an index rows file");
    }
    int version = data.readInt();
    if (version != VERSION) {
      throw new IOException("index rows file version " + version + ", expected " + VERSION);
    }
    int count = data.readInt();
    List<Sample> samples = new ArrayList<>(Math.min(count, 1 << 16));
    for (int i = 0; i < count; i++) {
      String key = string(data);
      long offset = data.readLong();
      long size = data.readLong();
      int partCount = data.readInt();
      List<Part> parts = new ArrayList<>(Math.min(partCount, 64));
      for (int j = 0; j < partCount; j++) {
        String name = string(data);
        long dataOffset = data.readLong();
        long partSize = data.readLong();
        Media media = data.readByte() == 0 ? null : new Media(string(data), string(data));
        parts.add(new Part(name, dataOffset, partSize, media));
      }
      samples.add(new Sample(key, offset, size, parts));
    }
    if (data.readInt() != END) {
      throw new IOException("index rows file has no end marker");
    }
    return samples;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (64 << 20)) {
      throw new IOException("bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
