package io.omniprep.table;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over Beam {@link FileSystems}, so Parquet is read from local disk,
 * {@code gs://} and {@code s3://} alike, without Hadoop filesystems. Beam opens each of those as a
 * {@link SeekableByteChannel}, which Parquet needs to jump to the footer and the column chunks.
 */
public final class ChannelInputFile implements InputFile {
  private final ResourceId file;
  private final long length;

  public ChannelInputFile(ResourceId file, long length) {
    this.file = file;
    this.length = length;
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    ReadableByteChannel channel = FileSystems.open(file);
    if (!(channel instanceof SeekableByteChannel)) {
      channel.close();
      throw new IOException("cannot seek in " + file + ", which Parquet needs");
    }
    SeekableByteChannel seekable = (SeekableByteChannel) channel;
    return new ChannelStream(seekable);
  }

  private static final class ChannelStream extends DelegatingSeekableInputStream {
    private final SeekableByteChannel channel;

    ChannelStream(SeekableByteChannel channel) {
      super(Channels.newInputStream(channel));
      this.channel = channel;
    }

    @Override
    public long getPos() throws IOException {
      return channel.position();
    }

    @Override
    public void seek(long newPos) throws IOException {
      channel.position(newPos);
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
      return channel.read(buffer);
    }

    @Override
    public void readFully(ByteBuffer buffer) throws IOException {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          throw new EOFException(
              "reached the end of the file with " + buffer.remaining() + " bytes left to read");
        }
      }
    }
  }
}
