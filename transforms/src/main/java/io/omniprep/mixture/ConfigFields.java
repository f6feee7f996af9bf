package io.omniprep.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Typed reads of one YAML mapping that collect problems instead of stopping at the first, each
 * located at the offending value. An absent key and an explicit {@code null} both read as null.
 */
final class ConfigFields {
  private final LocatedYaml yaml;
  private final String pointer;
  private final ObjectNode node;
  private final List<ConfigProblem> problems;

  ConfigFields(LocatedYaml yaml, String pointer, ObjectNode node, List<ConfigProblem> problems) {
    this.yaml = yaml;
    this.pointer = pointer;
    this.node = node;
    this.problems = problems;
  }

  String pointer(String key) {
    return LocatedYaml.child(pointer, key);
  }

  void problem(String key, String message) {
    problems.add(yaml.problem(key == null ? pointer : pointer(key), message));
  }

  @Nullable JsonNode raw(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  @Nullable String string(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      problem(key, key + " must be a string, not " + v);
      return null;
    }
    return v.asText();
  }

  @Nullable Double number(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      problem(key, key + " must be a number, not " + v);
      return null;
    }
    return v.doubleValue();
  }

  @Nullable Integer integer(String key, int min) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
      problem(key, key + " must be an integer of at least " + min + ", not " + v);
      return null;
    }
    return v.intValue();
  }

  /** A non-empty list of strings. */
  @Nullable List<String> strings(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v.isArray() && !v.isEmpty()) {
      for (JsonNode item : v) {
        if (!item.isTextual()) {
          out = null;
          break;
        }
        out.add(item.asText());
      }
      if (out != null) {
        return out;
      }
    }
    problem(key, key + " must be a non-empty list of strings, not " + v);
    return null;
  }

  @Nullable ObjectNode mapping(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      problem(key, key + " must be a mapping, not " + v);
      return null;
    }
    return (ObjectNode) v;
  }

  /** Reports every key outside {@code known}, listing the known ones. */
  void rejectUnknownKeys(Set<String> known, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problems.add(
            yaml.problemAtKey(
                pointer(key),
                "unknown key '"
                    + key
                    + "' in "
                    + what
                    + "; expected one of "
                    + String.join(", ", known)));
      }
    }
  }
}
