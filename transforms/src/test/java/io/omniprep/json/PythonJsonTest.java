package io.omniprep.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.testing.Python3;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonJsonTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  static final List<String> TRICKY = List.of(
      "", "plain ascii", "quote \" and backslash \\ and slash /", "\n\r\t\b\f",
      "\u0000\u0001\u001f\u007f\u0080\u00a0", "é café", "中文 日本語 한국어", "\uD83D\uDE00 \uD83D\uDC68\u200D\uD83D\uDC69",
      "\u2028\u2029\uFEFF\uFFFF", "<image>\nWhat is \"this\"?", "tab\there", "\uD834\uDD1E music");

  @Test
  void fixedOutputWithDefaultSeparatorsAndAsciiEscapes() {
    ObjectNode root = F.objectNode();
    root.put("s", "\u00e9\uD83D\uDE00\u4e2d\u0000\u001f\u007f\"\\/\n\r\t\b\f");
    ArrayNode nums = root.putArray("n");
    nums.add(1).add(10_000_000_000L).add(new BigInteger("1000000000000000000000000000000"))
        .add(1.0).add(1e-05).add(0.1).add(Double.NaN).add(Double.POSITIVE_INFINITY)
        .add(Double.NEGATIVE_INFINITY);
    root.putNull("z");
    root.put("t", true).put("f", false);
    root.putObject("o");
    root.putArray("a");
    assertEquals("{\"s\": \"\\u00e9\\ud83d\\ude00\\u4e2d\\u0000\\u001f\\u007f\\\"\\\\/\\n\\r\\t\\b\\f\", "
        + "\"n\": [1, 10000000000, 1000000000000000000000000000000, 1.0, 1e-05, 0.1, NaN, Infinity, -Infinity], "
        + "\"z\": null, \"t\": true, \"f\": false, \"o\": {}, \"a\": []}", PythonJson.dumps(root));
  }

  @Test
  void indentedForm() throws Exception {
    JsonNode node = JSON.readTree("{\"a\": [1, {\"b\": []}, {}], \"c\": \"x\"}");
    assertEquals("{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    },\n    {}\n  ],\n  \"c\": \"x\"\n}",
        PythonJson.dumps(node, 2));
    assertEquals("[\n1,\n2\n]", PythonJson.dumps(JSON.readTree("[1,2]"), 0));
  }

  @Test
  void numberNodeKinds() {
    assertEquals("0.1", PythonJson.dumps(F.numberNode(new BigDecimal("0.10"))));
    assertEquals("100.0", PythonJson.dumps(F.numberNode(new BigDecimal("1E+2"))));
    assertEquals("0.10000000149011612", PythonJson.dumps(F.numberNode(0.1f)));
    assertEquals("-7", PythonJson.dumps(F.numberNode((short) -7)));
    assertEquals("\"a\\u00e9\"", PythonJson.quote("a\u00e9"));
  }

  @Test
  void rejectsNodesWithoutAPythonForm() {
    assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(BinaryNode.valueOf(new byte[1])));
    assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(MissingNode.getInstance()));
    assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(F.pojoNode(new Object())));
    assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(F.nullNode(), -1));
  }

  @Test
  void matchesPythonJsonDumps() throws Exception {
    Python3.assumeAvailable();
    ArrayNode docs = F.arrayNode();
    for (String s : TRICKY) {
      docs.add(s);
    }
    docs.add(JSON.readTree("[{\"from\": \"human\", \"value\": \"<image>\\n\u63cf\u8ff0\"}, "
        + "{\"from\": \"gpt\", \"value\": \"ok \uD83D\uDE00\"}]"));
    docs.add(JSON.readTree("{\"n\": [0, -1, 3.5, 1e300, 2.5e-8, 12345678901234567890, 1.0E16], \"e\": {}, \"l\": []}"));
    // One document per line, parsed by Python exactly as a reader of our output would.
    StringBuilder in = new StringBuilder();
    for (JsonNode d : docs) {
      in.append(JSON.writeValueAsString(d)).append('\n');
    }
    String out = Python3.runText(String.join("\n",
        "import json, sys",
        "for line in sys.stdin.read().split('\\n')[:-1]:  # not splitlines(): U+2028 is data",
        "    obj = json.loads(line)",
        "    print(json.dumps(obj))",
        "    print(json.dumps(obj, indent=2).replace('\\n', '\\\\n'))"), in.toString());
    String[] lines = out.split("\n");
    assertEquals(2 * docs.size(), lines.length);
    for (int i = 0; i < docs.size(); i++) {
      assertEquals(lines[2 * i], PythonJson.dumps(docs.get(i)), "doc " + i);
      assertEquals(lines[2 * i + 1], PythonJson.dumps(docs.get(i), 2).replace("\n", "\\n"), "indented doc " + i);
    }
  }

  @Test
  void withoutEnsureAsciiOnlyControlCharactersAreEscaped() throws Exception {
    String json = "{\"a\": [1, {\"b\": null, \"c\": []}, {}], \"s\": \"q\\\"\\\\\\n\\u0001\u00e9\u2028\", \"big\": 12345678901234567890}";
    assertEquals(
        "{\n    \"a\": [\n        1,\n        {\n            \"b\": null,\n            \"c\": []\n        },\n        {}\n    ],\n"
            + "    \"s\": \"q\\\"\\\\\\n\\u0001\u00e9\u2028\",\n    \"big\": 12345678901234567890\n}",
        PythonJson.dumps(JSON.readTree(json), 4, false, 0));
    assertEquals("[\n        1\n    ]", PythonJson.dumps(JSON.readTree("[1]"), 4, false, 1), "nested one level deep");
  }
}
