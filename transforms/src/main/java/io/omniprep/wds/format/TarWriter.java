package io.omniprep.wds.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes a deterministic tar stream of regular files and reports the byte offset of every header.
 *
 * <p>Headers are written by hand ({@link TarHeaders}) rather than with Commons Compress'
 * {@code TarArchiveOutputStream}: in 1.27.1 the PAX headers that class creates internally carry
 * the JVM's {@code user.name} as uname, entry names are normalised in an OS-dependent way, and
 * without an explicit encoding names use the platform charset. Each of those makes the bytes
 * machine-dependent. Offsets are exact because this class counts every byte it hands to the
 * underlying stream itself; nothing is buffered in between.
 *
 * <p>Layout: per member, an optional PAX header (non-ASCII names, names over 100 bytes, sizes
 * over 8 GiB - 1), the ustar header, the data, zero padding to 512. {@link #finish()} appends two
 * zero blocks and no further padding. The underlying stream is flushed by {@code finish()} but
 * never closed. After any exception the writer refuses further use, because the stream may hold
 * a partial member. Not thread-safe.
 */
public final class TarWriter {
  private static final int COPY_BUFFER = 64 * 1024;

  private final OutputStream out;
  private final long mtime;
  private long position;
  private MemberStream open;
  private boolean finished;
  private boolean failed;

  /** A writer with mtime 0 for every member. */
  public TarWriter(OutputStream out) {
    this(out, 0);
  }

  /**
   * @param out the destination; not closed by this class
   * @param mtimeSeconds the modification time written for every member, 0 to 8589934591
   */
  public TarWriter(OutputStream out, long mtimeSeconds) {
    this.out = Objects.requireNonNull(out, "out");
    if (mtimeSeconds < 0 || mtimeSeconds > TarHeaders.MAX_OCTAL_11) {
      throw new IllegalArgumentException("mtime out of range: " + mtimeSeconds);
    }
    this.mtime = mtimeSeconds;
  }

  /** Number of bytes written so far; between members this is where the next header goes. */
  public long position() {
    return position;
  }

  /** Writes a member whose data is in memory. */
  public TarMember writeMember(String name, byte[] data) throws IOException {
    try (MemberStream s = openMember(name, data.length)) {
      s.write(data);
      return s.member();
    }
  }

  /**
   * Streams exactly {@code size} bytes from {@code data} into a member, never holding more than a
   * small buffer. Fails if the stream yields fewer or more bytes. Does not close {@code data}.
   */
  public TarMember writeMember(String name, long size, InputStream data) throws IOException {
    try (MemberStream s = openMember(name, size)) {
      byte[] buf = new byte[(int) Math.min(COPY_BUFFER, Math.max(size, 1))];
      long left = size;
      while (left > 0) {
        int n = data.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          failed = true;
          throw new IOException("member '" + name + "': stream ended after " + (size - left)
              + " of " + size + " bytes");
        }
        s.write(buf, 0, n);
        left -= n;
      }
      if (data.read() >= 0) {
        failed = true;
        throw new IOException("member '" + name + "': stream has more than " + size + " bytes");
      }
      return s.member();
    }
  }

  /**
   * Writes the headers of a member and returns a stream for exactly {@code size} data bytes.
   * Closing the stream pads the member; it fails if fewer bytes were written. Writing more than
   * {@code size} bytes fails at once. Only one member can be open at a time.
   */
  public MemberStream openMember(String name, long size) throws IOException {
    checkUsable();
    if (open != null) {
      throw new IllegalStateException("member '" + open.member.name() + "' is still open");
    }
    validateName(name);
    if (size < 0) {
      throw new IllegalArgumentException("negative size for '" + name + "': " + size);
    }
    long headerOffset = position;
    writeRaw(TarHeaders.forRegularFile(name, size, mtime));
    open = new MemberStream(new TarMember(name, headerOffset, position, size));
    return open;
  }

  /**
   * Writes the end-of-archive marker (two zero blocks) and flushes.
   *
   * @return the offset at which the marker starts: the last entry of a {@code .tar.idx}
   */
  public long finish() throws IOException {
    checkUsable();
    if (open != null) {
      throw new IllegalStateException("member '" + open.member.name() + "' is still open");
    }
    long end = position;
    writeRaw(new byte[2 * TarHeaders.BLOCK]);
    out.flush();
    finished = true;
    return end;
  }

  private static void validateName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.endsWith("/")) {
      throw new IllegalArgumentException("not a regular-file name: '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("NUL in member name: '" + name + "'");
      }
      // A lone surrogate would be silently replaced by '?' when encoding to UTF-8.
      if (Character.isHighSurrogate(c) && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("unpaired surrogate in member name: '" + name + "'");
      }
    }
  }

  private void checkUsable() {
    if (failed) {
      throw new IllegalStateException("an earlier write failed; the tar stream is incomplete");
    }
    if (finished) {
      throw new IllegalStateException("finish() was already called");
    }
  }

  private void writeRaw(byte[] b) throws IOException {
    writeRaw(b, 0, b.length);
  }

  private void writeRaw(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
    position += len;
  }

  /** The data stream of one open member; see {@link TarWriter#openMember}. */
  public final class MemberStream extends OutputStream {
    private final TarMember member;
    private long written;
    private boolean closed;

    private MemberStream(TarMember member) {
      this.member = member;
    }

    /** Name and offsets of this member. */
    public TarMember member() {
      return member;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (closed) {
        throw new IOException("member '" + member.name() + "' is closed");
      }
      if (len > member.size() - written) {
        failed = true;
        throw new IOException("member '" + member.name() + "': more than " + member.size()
            + " bytes written");
      }
      writeRaw(b, off, len);
      written += len;
    }

    /** Pads the member to a block boundary; fails if fewer than {@code size} bytes were written. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      open = null;
      if (failed) {
        return; // the writer is already unusable; do not pile padding onto a broken member
      }
      if (written != member.size()) {
        failed = true;
        throw new IOException("member '" + member.name() + "': " + written + " of "
            + member.size() + " bytes written");
      }
      writeRaw(new byte[TarHeaders.padding(member.size())]);
    }
  }
}
