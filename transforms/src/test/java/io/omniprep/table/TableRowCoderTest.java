package io.omniprep.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class TableRowCoderTest {
  @Test
  void valuesSurviveEncodingExactly() throws Exception {
    TableRow row =
        new TableRow(
            "f.parquet",
            3,
            10,
            7,
            2,
            ReadTableTest.object(
                "{\"a\":1.50,\"b\":NaN,\"c\":[\"x\",null],\"d\":{\"e\":12345678901234567890}}"));
    TableRow back = CoderUtils.clone(TableRowCoder.of(), row);
    assertEquals(
        "{\"a\":1.50,\"b\":NaN,\"c\":[\"x\",null],\"d\":{\"e\":12345678901234567890}}",
        back.text());
    assertTrue(Double.isNaN(back.values().get("b").doubleValue()));
    assertEquals(row.source(), back.source());
    assertEquals(row.position(), back.position());
    assertEquals(row.index(), back.index());
    assertEquals(row.filteredIndex(), back.filteredIndex());
    assertEquals(row.copies(), back.copies());
  }
}
