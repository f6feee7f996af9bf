package io.omniprep.stats;

import io.omniprep.io.AtomicFiles;
import io.omniprep.io.NumberedParts;
import io.omniprep.table.ChannelInputFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * {@code OUTPUT/samples.parquet}, one row per written sample (the columns of {@link SampleRow}),
 * made without samples crossing a shuffle: each input chunk writes its rows as a part, {@code
 * OUTPUT/.omniprep/samples/part-NNNNNN.parquet}, where it was written, and one step appends the
 * parts' row groups, in chunk order, into the table (copied as they are, never decoded), so the
 * table's bytes depend on the input and options only. Written with parquet-mr's writer, row by
 * row ({@link SampleRowWriter}), Snappy-compressed.
 */
public final class SampleTable {
  public static final String FILE = "samples.parquet";

  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message sample {\n"
              + "  required binary key (STRING);\n"
              + "  optional binary id (STRING);\n"
              + "  required binary source (STRING);\n"
              + "  required int64 position;\n"
              + "  required binary shard (STRING);\n"
              + "  required binary split (STRING);\n"
              + "  required int64 media_bytes;\n"
              + "  required int64 tar_bytes;\n"
              + "  optional int32 width;\n"
              + "  optional int32 height;\n"
              + "  optional double duration;\n"
              + "  optional binary sha256 (STRING);\n"
              + "  optional int64 phash;\n"
              + "  optional int32 text_tokens;\n"
              + "  optional int32 image_tokens;\n"
              + "  optional int32 video_tokens;\n"
              + "  optional int32 total_tokens;\n"
              + "}");

  /** Parquet's own configuration, not Hadoop's (whose default XML files took half a second to parse). */
  private static final ParquetReadOptions PLAIN_READ = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

  private SampleTable() {}

  /** Chunk {@code N}'s part: {@code .omniprep/samples/part-NNNNNN.parquet}. */
  public static final NumberedParts PARTS = new NumberedParts(".omniprep/samples", "part-", ".parquet");

  /** Where chunk {@code ordinal}'s part lies. */
  public static ResourceId partLocation(ResourceId outputDir, long ordinal) {
    return PARTS.location(outputDir, ordinal);
  }

  /** Writes {@code rows}, in order, as chunk {@code ordinal}'s part. */
  public static void writePart(ResourceId outputDir, long ordinal, List<SampleRow> rows) throws IOException {
    AtomicFiles.write(partLocation(outputDir, ordinal), out -> {
      try (ParquetWriter<SampleRow> writer =
          SampleRowWriter.builder(new StreamOutputFile(out))
              .withConf(new PlainParquetConfiguration())
              .withCodecFactory(SnappyPages.INSTANCE)
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              // One encoding per column chunk: Parquet lists a chunk's encodings from a HashSet of
              // enums, whose order changes from one JVM to the next; with version 2 pages and no
              // dictionary there is one (the levels' encoding is implied), so the bytes are the same
              // in every run and on every runner.
              .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
              .withDictionaryEncoding(false)
              .build()) {
        for (SampleRow row : rows) {
          writer.write(row);
        }
      }
    });
  }

  /** Appends the parts of chunks {@code ordinals} (ascending) into {@code OUTPUT/samples.parquet}. */
  public static void concatenate(ResourceId outputDir, List<Long> ordinals) throws IOException {
    AtomicFiles.write(AtomicFiles.resolve(outputDir, FILE), out -> {
      ParquetFileWriter writer =
          new ParquetFileWriter(new StreamOutputFile(out), SCHEMA, ParquetFileWriter.Mode.CREATE,
              ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT);
      writer.start();
      for (long ordinal : ordinals) {
        ResourceId part = partLocation(outputDir, ordinal);
        MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(part.toString());
        try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(part, meta.sizeBytes()), PLAIN_READ)) {
          reader.appendTo(writer);
        }
      }
      writer.end(Map.of());
    });
  }

}
