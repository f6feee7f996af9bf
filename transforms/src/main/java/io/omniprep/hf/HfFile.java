package io.omniprep.hf;

import io.omniprep.sample.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * One Parquet file of a config, placed: its number among the config's files and the stream index of
 * its first row, known before any row is read, so images can be named while being written.
 */
final class HfFile implements Serializable {
  final String config;
  final String file;
  final int fileIndex;
  final long firstRow;

  HfFile(String config, String file, int fileIndex, long firstRow) {
    this.config = config;
    this.file = file;
    this.fileIndex = fileIndex;
    this.firstRow = firstRow;
  }

  static final class Coder extends CustomCoder<HfFile> {
    @Override
    public void encode(HfFile f, OutputStream out) throws IOException {
      Wire.writeString(f.config, out);
      Wire.writeString(f.file, out);
      Wire.writeInt(f.fileIndex, out);
      Wire.writeLong(f.firstRow, out);
    }

    @Override
    public HfFile decode(InputStream in) throws IOException {
      return new HfFile(
          Wire.readString(in), Wire.readString(in), Wire.readInt(in), Wire.readLong(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
