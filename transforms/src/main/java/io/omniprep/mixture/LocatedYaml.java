package io.omniprep.mixture;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read with Jackson's YAML parser into a JSON tree, remembering where each value
 * starts, so that configuration errors can name the line. Values are addressed by JSON Pointer
 * ({@code /datasets/0/json_path}). A key given twice in one mapping is an error here, not silently
 * the last one. Anchors and aliases are honoured, within bounds ({@link Reader#alias}).
 */
final class LocatedYaml {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String file;
  private final JsonNode root;
  private final Map<String, int[]> locations;
  private final Map<String, int[]> keyLocations;

  private LocatedYaml(
      String file, JsonNode root, Map<String, int[]> locations, Map<String, int[]> keyLocations) {
    this.file = file;
    this.root = root;
    this.locations = locations;
    this.keyLocations = keyLocations;
  }

  /**
   * Parses {@code text}, read from {@code file} (named in messages).
   *
   * @throws MixtureConfigException for a syntax error or a duplicate key
   */
  static LocatedYaml parse(String file, String text) throws MixtureConfigException {
    Map<String, int[]> locations = new HashMap<>();
    Map<String, int[]> keyLocations = new HashMap<>();
    try (JsonParser p = YAML.createParser(text)) {
      if (p.nextToken() == null) {
        return new LocatedYaml(file, NODES.nullNode(), locations, keyLocations);
      }
      JsonNode root = new Reader(file, p, locations, keyLocations, scalarAnchors(text)).value("");
      return new LocatedYaml(file, root, locations, keyLocations);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new MixtureConfigException(
          List.of(
              new ConfigProblem(
                  file,
                  at == null ? 0 : at.getLineNr(),
                  at == null ? 0 : at.getColumnNr(),
                  "not valid YAML: " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new MixtureConfigException(
          List.of(new ConfigProblem(file, 0, 0, "cannot read: " + e.getMessage())));
    }
  }

  /**
   * The anchors of scalar values by position (Jackson's parser gives the anchors of mappings and
   * sequences only), from SnakeYAML's events, which Jackson's parser is made of; the same marks
   * give Jackson's token locations.
   */
  private static Map<Long, String> scalarAnchors(String text) {
    Map<Long, String> anchors = new HashMap<>();
    try {
      for (Event e : new Yaml().parse(new StringReader(text))) {
        if (e instanceof ScalarEvent && ((ScalarEvent) e).getAnchor() != null) {
          anchors.put(position(e.getStartMark().getLine(), e.getStartMark().getColumn()), ((ScalarEvent) e).getAnchor());
        }
      }
    } catch (YAMLException e) {
      // A syntax error: Jackson's parser reports it, with its line, when it gets there.
    }
    return anchors;
  }

  private static long position(long line, long column) {
    return (line << 32) | column;
  }

  String file() {
    return file;
  }

  JsonNode root() {
    return root;
  }

  /** A problem at the value {@code pointer} names (or at its nearest located parent). */
  ConfigProblem problem(String pointer, String message) {
    String p = pointer;
    while (!locations.containsKey(p) && !p.isEmpty()) {
      p = p.substring(0, p.lastIndexOf('/'));
    }
    int[] at = locations.getOrDefault(p, new int[] {0, 0});
    return new ConfigProblem(file, at[0], at[1], message);
  }

  /** A problem with the key (not the value) of the entry at {@code pointer}. */
  ConfigProblem problemAtKey(String pointer, String message) {
    int[] at = keyLocations.get(pointer);
    return at == null ? problem(pointer, message) : new ConfigProblem(file, at[0], at[1], message);
  }

  /** The line the value at {@code pointer} starts on (0 if unknown). */
  int line(String pointer) {
    int[] at = locations.get(pointer);
    return at == null ? 0 : at[0];
  }

  /** {@code parent/name} as a JSON Pointer. */
  static String child(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static String child(String parent, int index) {
    return parent + "/" + index;
  }

  /** Bounds on alias expansion: a mixture config needs a few aliases of small values at most. */
  static final int MAX_ALIASES = 100;
  static final long MAX_ALIAS_VALUES = 10_000;

  private static final class Reader {
    private final String file;
    private final JsonParser p;
    private final Map<String, int[]> locations;
    private final Map<String, int[]> keyLocations;
    private final Map<Long, String> scalarAnchors;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private int aliases;
    private long aliasValues;

    Reader(
        String file, JsonParser p, Map<String, int[]> locations, Map<String, int[]> keyLocations,
        Map<Long, String> scalarAnchors) {
      this.file = file;
      this.scalarAnchors = scalarAnchors;
      this.p = p;
      this.locations = locations;
      this.keyLocations = keyLocations;
    }

    JsonNode value(String pointer) throws IOException, MixtureConfigException {
      JsonLocation at = p.currentTokenLocation();
      locations.put(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
      if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
        return alias(p.getText(), at);
      }
      String anchor = p.getObjectId() instanceof String
          ? (String) p.getObjectId()
          : scalarAnchors.get(position(at.getLineNr() - 1, at.getColumnNr() - 1));
      JsonNode value = plainValue(pointer);
      if (anchor != null) {
        anchors.put(anchor, value);
      }
      return value;
    }

    /**
     * A copy of the value anchored as {@code name}. Copies are counted: aliases of aliases grow
     * exponentially (the "billion laughs"), so past {@value #MAX_ALIASES} aliases or {@value
     * #MAX_ALIAS_VALUES} copied values the file is refused, before anything large is built.
     */
    private JsonNode alias(String name, JsonLocation at) throws MixtureConfigException {
      JsonNode anchored = anchors.get(name);
      if (anchored == null) {
        throw new MixtureConfigException(List.of(new ConfigProblem(file, at.getLineNr(), at.getColumnNr(),
            "alias *" + name + " names no anchor (&" + name + ") before it")));
      }
      aliases++;
      aliasValues += size(anchored, MAX_ALIAS_VALUES + 1);
      if (aliases > MAX_ALIASES || aliasValues > MAX_ALIAS_VALUES) {
        throw new MixtureConfigException(List.of(new ConfigProblem(file, at.getLineNr(), at.getColumnNr(),
            "YAML aliases expand past " + MAX_ALIASES + " aliases or " + MAX_ALIAS_VALUES
                + " values (aliases of aliases?): write the values out")));
      }
      return anchored.deepCopy();
    }

    /** How many values {@code node} holds, counting stopped past {@code limit}. */
    private static long size(JsonNode node, long limit) {
      long n = 1;
      for (JsonNode child : node) {
        if (n > limit) {
          break;
        }
        n += size(child, limit - n);
      }
      return n;
    }

    private JsonNode plainValue(String pointer) throws IOException, MixtureConfigException {
      JsonToken token = p.currentToken();
      switch (token) {
        case START_OBJECT:
          ObjectNode object = NODES.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonLocation keyAt = p.currentTokenLocation();
            if (object.has(name)) {
              throw new MixtureConfigException(
                  List.of(
                      new ConfigProblem(
                          file,
                          keyAt.getLineNr(),
                          keyAt.getColumnNr(),
                          "key '" + name + "' is given twice")));
            }
            keyLocations.put(
                child(pointer, name), new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
            p.nextToken();
            object.set(name, value(child(pointer, name)));
          }
          return object;
        case START_ARRAY:
          ArrayNode array = NODES.arrayNode();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(child(pointer, array.size())));
          }
          return array;
        case VALUE_STRING:
          return NODES.textNode(p.getText());
        case VALUE_NUMBER_INT:
          return NODES.numberNode(p.getBigIntegerValue());
        case VALUE_NUMBER_FLOAT:
          return NODES.numberNode(p.getDoubleValue());
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        default:
          return NODES.nullNode();
      }
    }
  }
}
