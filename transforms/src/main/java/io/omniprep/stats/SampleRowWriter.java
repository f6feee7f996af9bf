package io.omniprep.stats;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes {@link SampleRow}s to Parquet's record consumer field by field, in {@link
 * SampleTable#SCHEMA}'s order, as parquet-mr's object models do. Its example model would first build
 * a {@code Group} of boxed values per row, which took as much of a chunk's writer as the tar
 * members did; the bytes written are the same.
 */
final class SampleRowWriter extends WriteSupport<SampleRow> {
  private @Nullable RecordConsumer out;

  /** A {@link ParquetWriter} builder for rows to {@code file}. */
  static Builder builder(OutputFile file) {
    return new Builder(file);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(SampleTable.SCHEMA, Map.of());
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return init((ParquetConfiguration) null); // Hadoop's configuration sets nothing here either
  }

  @Override
  public void prepareForWrite(RecordConsumer consumer) {
    out = consumer;
  }

  @Override
  public void write(SampleRow row) {
    out.startMessage();
    string(0, "key", row.key());
    string(1, "id", row.id());
    string(2, "source", row.source());
    int64(3, "position", row.position());
    string(4, "shard", row.shard());
    string(5, "split", row.split());
    int64(6, "media_bytes", row.mediaBytes());
    int64(7, "tar_bytes", row.tarBytes());
    int32(8, "width", row.width());
    int32(9, "height", row.height());
    if (row.duration() != null) {
      out.startField("duration", 10);
      out.addDouble(row.duration());
      out.endField("duration", 10);
    }
    string(11, "sha256", row.sha256());
    int64(12, "phash", row.phash());
    int32(13, "text_tokens", row.textTokens());
    int32(14, "image_tokens", row.imageTokens());
    int32(15, "video_tokens", row.videoTokens());
    int32(16, "total_tokens", row.totalTokens());
    out.endMessage();
  }

  private void string(int index, String field, @Nullable String value) {
    if (value != null) {
      out.startField(field, index);
      out.addBinary(Binary.fromString(value));
      out.endField(field, index);
    }
  }

  private void int64(int index, String field, @Nullable Long value) {
    if (value != null) {
      out.startField(field, index);
      out.addLong(value);
      out.endField(field, index);
    }
  }

  private void int32(int index, String field, @Nullable Integer value) {
    if (value != null) {
      out.startField(field, index);
      out.addInteger(value);
      out.endField(field, index);
    }
  }

  static final class Builder extends ParquetWriter.Builder<SampleRow, Builder> {
    private Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<SampleRow> getWriteSupport(Configuration configuration) {
      return new SampleRowWriter();
    }

    @Override
    protected WriteSupport<SampleRow> getWriteSupport(ParquetConfiguration configuration) {
      return new SampleRowWriter();
    }
  }
}
