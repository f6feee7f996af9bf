package io.omniprep.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.table.TableJson;
import org.junit.jupiter.api.Test;

class PythonJsonTest {
  @Test
  void floatsArePythonRepr() {
    assertEquals("5.0", PythonJson.repr(5));
    assertEquals("0.1", PythonJson.repr(0.1));
    assertEquals("0.0001", PythonJson.repr(0.0001));
    assertEquals("1e-05", PythonJson.repr(0.00001));
    assertEquals("1.5e-07", PythonJson.repr(1.5e-7));
    assertEquals("1234567890123456.0", PythonJson.repr(1234567890123456.0));
    assertEquals("1e+16", PythonJson.repr(1e16));
    assertEquals("-2.5e+20", PythonJson.repr(-2.5e20));
    assertEquals("NaN", PythonJson.repr(Double.NaN));
    assertEquals("-Infinity", PythonJson.repr(Double.NEGATIVE_INFINITY));
    assertEquals("-0.0", PythonJson.repr(-0.0));
    assertEquals("0.10000000149011612", PythonJson.repr(0.1f));
  }

  @Test
  void layoutAndEscapesMatchJsonDumpIndent4() throws Exception {
    String json =
        "{\"a\": [1, {\"b\": null, \"c\": []}, {}], \"s\": \"q\\\"\\\\\\n"
            + "\\u0001é\u2028\", \"t\": true, \"big\": 12345678901234567890}";
    assertEquals(
        "{\n"
            + "    \"a\": [\n"
            + "        1,\n"
            + "        {\n"
            + "            \"b\": null,\n"
            + "            \"c\": []\n"
            + "        },\n"
            + "        {}\n"
            + "    ],\n"
            + "    \"s\": \"q\\\"\\\\\\n"
            + "\\u0001é\u2028\",\n"
            + "    \"t\": true,\n"
            + "    \"big\": 12345678901234567890\n"
            + "}",
        PythonJson.dumps(TableJson.MAPPER.readTree(json), 0));
  }
}
