package io.omniprep.wds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.testing.Python3;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PyYamlScalarsTest {
  static final List<String> KNOWN = List.of(
      "pretrain-0.tar", "json[0][value]", "jpg,png", "megatron.energon", "__class__", "y", "0o7",
      "08", "1e5", "0x1F.tar", "_1", "000.tar", ".hidden", "a=b", "a~", "f(x)", "u@h",
      "123", "true", "No", "OFF", "null", "NULL", "1_0", "1__", ".5", "1.", "1.5", "1.5e+3",
      "0b101", "0x_f", "017", ".inf", ".NaN", "2020-01-01", "0", "1_000");

  @Test
  void fixedExpectations() {
    assertEquals("pretrain-0.tar", PyYamlScalars.render("pretrain-0.tar"));
    assertEquals("json[0][value]", PyYamlScalars.render("json[0][value]"));
    assertEquals("y", PyYamlScalars.render("y"));
    assertEquals("08", PyYamlScalars.render("08"));
    assertEquals("1e5", PyYamlScalars.render("1e5"));
    assertEquals("'123'", PyYamlScalars.render("123"));
    assertEquals("'true'", PyYamlScalars.render("true"));
    assertEquals("'1_0'", PyYamlScalars.render("1_0"));
    assertEquals("'.5'", PyYamlScalars.render(".5"));
    assertEquals("'2020-01-01'", PyYamlScalars.render("2020-01-01"));
    assertEquals("'017'", PyYamlScalars.render("017"));
  }

  @Test
  void rejectsWhatItCannotMatchExactly() {
    for (String bad : List.of("", " a", "a b", "a:b", "-a", "[a", "#a", "a#", "'a'", "a\"", "é.tar", "a\nb",
        "~", "=", "<<", "&a", "*a", "!a", "%a", "@a", "`a", "a\tb", "{a}")) {
      assertFalse(PyYamlScalars.isSupported(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> PyYamlScalars.render(bad), bad);
    }
  }

  @Test
  void agreesWithPyYamlOnKnownAndRandomNames() throws Exception {
    Python3.assumeModule("yaml");
    Set<String> values = new LinkedHashSet<>(KNOWN);
    Random rnd = new Random(20240611);
    String first = "0123456789._/aeEnNoOtTyYfFbx";
    String rest = "0123456789._-+eEbxXafFnNo[],=()@~/";
    while (values.size() < 4000) {
      StringBuilder sb = new StringBuilder().append(first.charAt(rnd.nextInt(first.length())));
      int len = rnd.nextInt(8);
      for (int i = 0; i < len; i++) {
        sb.append(rest.charAt(rnd.nextInt(rest.length())));
      }
      if (PyYamlScalars.isSupported(sb.toString())) {
        values.add(sb.toString());
      }
    }
    List<String> list = new ArrayList<>(values);
    ObjectMapper json = new ObjectMapper();
    // Each value as a list item and as a mapping key, both as PyYAML prints them.
    String script = String.join("\n",
        "import json, sys, yaml",
        "vals = json.loads(sys.stdin.read())",
        "print(json.dumps([[yaml.dump([v]), yaml.safe_dump({v: 1})] for v in vals]))");
    JsonNode out = json.readTree(Python3.runText(script, json.writeValueAsString(list)));
    for (int i = 0; i < list.size(); i++) {
      String r = PyYamlScalars.render(list.get(i));
      assertEquals(out.get(i).get(0).textValue(), "- " + r + "\n", list.get(i));
      assertEquals(out.get(i).get(1).textValue(), r + ": 1\n", list.get(i));
    }
  }
}
