package io.omniprep.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Reads one table file, any format, row by row in file order, through Beam {@link FileSystems}. */
public final class TableFiles {
  private TableFiles() {}

  /**
   * The rows of a Parquet file, from its footer alone; 0 when the file is not readable Parquet (its
   * reader then reports it as a bad row).
   */
  public static long parquetRowCount(MatchResult.Metadata file) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(new ChannelInputFile(file.resourceId(), file.sizeBytes()))) {
      return reader.getRecordCount();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * Reads {@code file} into {@code sink}.
   *
   * @param columns the columns to read (Parquet reads only these), or null for all; rows are not
   *     checked against them here
   * @param keepBinary Parquet binary values as bytes ({@code BinaryNode}) rather than base64
   *     strings
   * @throws IOException when the file cannot be read (the runner retries); content errors go to the
   *     sink as bad rows
   */
  public static void read(
      MatchResult.Metadata file,
      TableFormat format,
      @Nullable List<String> columns,
      boolean keepBinary,
      RowSink sink)
      throws IOException {
    ResourceId id = file.resourceId();
    if (format == TableFormat.PARQUET) {
      ParquetTableReader.read(id, file.sizeBytes(), columns, keepBinary, sink);
      return;
    }
    String name = id.getFilename() == null ? id.toString() : id.getFilename();
    try (InputStream in =
        Channels.newInputStream(Compression.detect(name).readDecompressed(FileSystems.open(id)))) {
      if (format == TableFormat.CSV) {
        CsvTableReader.read(in, sink);
      } else {
        JsonTableReader.read(in, format == TableFormat.JSONL, sink);
      }
    }
  }
}
