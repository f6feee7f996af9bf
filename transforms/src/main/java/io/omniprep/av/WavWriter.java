package io.omniprep.av;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams 16-bit little-endian PCM into a RIFF/WAVE file on local disk. The header's size fields
 * are written as zero first and patched on {@link #close()}, so memory stays constant however long
 * the audio is.
 *
 * <p>Layout: canonical 44-byte header ({@code fmt } chunk with format tag 1 = PCM) for 1 or 2
 * channels; WAVE_FORMAT_EXTENSIBLE (as ffmpeg writes it) for more channels. Unlike ffmpeg, no
 * {@code LIST/INFO} encoder tag is written, so the output is the same whatever FFmpeg version ran.
 */
public final class WavWriter implements Closeable {
  private static final int BITS = 16;
  private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36 - 24;

  private final FileChannel out;
  private final int sampleRate;
  private final int channels;
  private final long channelMask;
  private long dataBytes;
  private boolean closed;

  /**
   * Creates (or truncates) {@code file}.
   *
   * @param channelMask WAVE_FORMAT_EXTENSIBLE speaker mask, used only when {@code channels > 2};
   *     0 means "not specified"
   */
  public WavWriter(Path file, int sampleRate, int channels, long channelMask) throws IOException {
    if (sampleRate <= 0 || channels <= 0 || channels > 64) {
      throw new IllegalArgumentException("bad WAV format: " + sampleRate + " Hz, " + channels + " ch");
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.channelMask = channelMask;
    this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    writeFully(header(sampleRate, channels, channelMask, 0), 0);
    out.position(headerBytes(channels)); // positional writes do not move the channel position
  }

  /** Same as {@link #WavWriter(Path, int, int, long)} with an unspecified channel mask. */
  public WavWriter(Path file, int sampleRate, int channels) throws IOException {
    this(file, sampleRate, channels, 0);
  }

  /** Appends interleaved signed 16-bit little-endian samples (all remaining bytes of {@code pcm}). */
  public void write(ByteBuffer pcm) throws IOException {
    int n = pcm.remaining();
    if (n % (2 * channels) != 0) {
      throw new IllegalArgumentException("not a whole number of sample frames: " + n + " bytes");
    }
    if (dataBytes + n > MAX_DATA_BYTES) {
      throw new IOException("WAV data would exceed the 4 GiB RIFF limit");
    }
    while (pcm.hasRemaining()) {
      out.write(pcm);
    }
    dataBytes += n;
  }

  /** Bytes of PCM written so far. */
  public long dataBytes() {
    return dataBytes;
  }

  /** Sample frames (one sample per channel) written so far. */
  public long sampleFrames() {
    return dataBytes / (2L * channels);
  }

  /** Patches the RIFF and data sizes into the header and closes the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (FileChannel c = out) {
      writeFully(header(sampleRate, channels, channelMask, dataBytes), 0);
      c.force(false);
    }
  }

  private void writeFully(ByteBuffer b, long position) throws IOException {
    long pos = position;
    while (b.hasRemaining()) {
      pos += out.write(b, pos);
    }
  }

  /** Size of the header this class writes for {@code channels}. */
  static int headerBytes(int channels) {
    return channels > 2 ? 68 : 44;
  }

  /** The RIFF/WAVE header for {@code dataBytes} bytes of PCM that follow it. */
  static ByteBuffer header(int sampleRate, int channels, long channelMask, long dataBytes) {
    boolean extensible = channels > 2;
    int headerBytes = headerBytes(channels);
    int blockAlign = channels * BITS / 8;
    ByteBuffer b = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt((int) (headerBytes - 8 + dataBytes)).put(ascii("WAVE"));
    b.put(ascii("fmt ")).putInt(extensible ? 40 : 16);
    b.putShort((short) (extensible ? 0xFFFE : 1));
    b.putShort((short) channels).putInt(sampleRate).putInt(sampleRate * blockAlign);
    b.putShort((short) blockAlign).putShort((short) BITS);
    if (extensible) {
      b.putShort((short) 22).putShort((short) BITS).putInt((int) channelMask);
      // KSDATAFORMAT_SUBTYPE_PCM {00000001-0000-0010-8000-00AA00389B71}
      b.putInt(1).putShort((short) 0).putShort((short) 0x10);
      b.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
    }
    b.put(ascii("data")).putInt((int) dataBytes);
    return b.flip();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
