package io.omniprep.stats;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Snappy-compressed Parquet pages (each page one raw Snappy block, as Parquet's own Snappy codec
 * writes them) without Hadoop's codec machinery: parquet-mr's default factory builds a Hadoop
 * configuration for it, whose XML defaults took half a second of every job's start. Written here
 * because parquet-mr offers no Hadoop-free Snappy compressor; the table's parts are only ever
 * appended, page by page, never decoded, so there is no decompressor.
 */
final class SnappyPages implements CompressionCodecFactory {
  static final SnappyPages INSTANCE = new SnappyPages();

  private static final BytesInputCompressor COMPRESSOR =
      new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput page) throws IOException {
          return BytesInput.from(Snappy.compress(page.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
          return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {}
      };

  private SnappyPages() {}

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    if (codec != CompressionCodecName.SNAPPY) {
      throw new IllegalArgumentException("only Snappy pages are written here, not " + codec);
    }
    return COMPRESSOR;
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("the sample table's pages are copied, never decoded here");
  }

  @Override
  public void release() {}
}
