package io.omniprep.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.sample.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Deterministic coder for {@link TableRow}: varints, then the values as compact JSON. */
public final class TableRowCoder extends CustomCoder<TableRow> {
  private static final TableRowCoder INSTANCE = new TableRowCoder();

  private TableRowCoder() {}

  public static TableRowCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link TableRow} asks for. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(TableRow.class), INSTANCE);
  }

  @Override
  public void encode(TableRow row, OutputStream out) throws IOException {
    Wire.writeString(row.source(), out);
    Wire.writeLong(row.position(), out);
    Wire.writeLong(row.index(), out);
    Wire.writeLong(row.filteredIndex(), out);
    Wire.writeInt(row.copies(), out);
    byte[] json = TableJson.toBytes(row.values());
    Wire.writeInt(json.length, out);
    out.write(json);
  }

  @Override
  public TableRow decode(InputStream in) throws IOException {
    String source = Wire.readString(in);
    long position = Wire.readLong(in);
    long index = Wire.readLong(in);
    long filteredIndex = Wire.readLong(in);
    int copies = Wire.readInt(in);
    int length = Wire.readInt(in);
    byte[] json = in.readNBytes(length);
    if (json.length != length) {
      throw new EOFException("row values truncated");
    }
    JsonNode values = TableJson.parse(json, 0, length);
    return new TableRow(source, position, index, filteredIndex, copies, (ObjectNode) values);
  }

  @Override
  public void verifyDeterministic() {}
}
