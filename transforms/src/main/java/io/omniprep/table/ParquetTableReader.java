package io.omniprep.table;

import io.omniprep.errors.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a Parquet file row by row, in file order, reading only the selected columns. A file that is
 * not valid Parquet, or that fails to decode part-way, ends with one bad row; I/O errors are thrown
 * so the runner retries.
 */
final class ParquetTableReader {
  private ParquetTableReader() {}

  static void read(
      ResourceId file, long size, @Nullable List<String> columns, boolean keepBinary, RowSink sink)
      throws IOException {
    InputFile input = new ChannelInputFile(file, size);
    try {
      MessageType schema;
      try (ParquetFileReader footer = ParquetFileReader.open(input)) {
        schema = footer.getFooter().getFileMetaData().getSchema();
      }
      try (ParquetReader<Group> reader = new GroupReader(input, project(schema, columns)).build()) {
        for (Group row = reader.read(); row != null; row = reader.read()) {
          sink.row(ParquetValues.row(row, keepBinary));
        }
      }
    } catch (RuntimeException e) {
      // parquet-mr reports bad magic, bad metadata and undecodable pages as runtime exceptions.
      sink.badRow(
          Reason.BAD_ROW,
          "cannot read Parquet, the rest of the file is not read: " + e.getMessage(),
          "");
    }
  }

  /**
   * The file's columns that are selected, in file order. When none is (every row will then be a bad
   * row), the first column is still read, so that rows are counted.
   */
  private static MessageType project(MessageType schema, @Nullable List<String> columns) {
    if (columns == null) {
      return schema;
    }
    List<Type> kept = new ArrayList<>();
    for (Type field : schema.getFields()) {
      if (columns.contains(field.getName())) {
        kept.add(field);
      }
    }
    if (kept.isEmpty() && schema.getFieldCount() > 0) {
      kept.add(schema.getType(0));
    }
    return new MessageType(schema.getName(), kept);
  }

  private static final class GroupReader extends ParquetReader.Builder<Group> {
    private final MessageType projection;

    GroupReader(InputFile file, MessageType projection) {
      super(file, new PlainParquetConfiguration());
      this.projection = projection;
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport() {
        @Override
        public ReadContext init(InitContext context) {
          return new ReadContext(projection);
        }
      };
    }
  }
}
