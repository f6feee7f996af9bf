package io.omniprep.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes Parquet test files with parquet-avro, using the standard three-level list layout that
 * pyarrow (and so pandas and Hugging Face {@code datasets}) writes.
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  public static void write(Path file, Schema schema, List<GenericRecord> rows) throws IOException {
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    conf.set(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false");
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withSchema(schema)
            .withConf(conf)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (GenericRecord row : rows) {
        writer.write(row);
      }
    }
  }
}
