package io.omniprep.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Typed reading of a function's {@code process_fn_kwargs}. Each getter names the keyword it takes;
 * {@link #checkAllUsed()} then refuses keywords no getter asked for, so a misspelt keyword is an
 * error at configuration time rather than silently ignored as Python's {@code **kwargs} would. All
 * errors are {@link IllegalArgumentException}s naming the keyword.
 */
public final class Kwargs {
  private final String function;
  private final ObjectNode values;
  private final Set<String> known = new LinkedHashSet<>();

  public Kwargs(String function, @Nullable ObjectNode values) {
    this.function = function;
    this.values = values == null ? JsonNodeFactory.instance.objectNode() : values;
  }

  public boolean bool(String name, boolean defaultValue) {
    JsonNode v = get(name);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw wrongType(name, "true or false", v);
    }
    return v.booleanValue();
  }

  public int integer(String name, int defaultValue) {
    JsonNode v = get(name);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(name, "an integer", v);
    }
    return v.intValue();
  }

  public String string(String name, String defaultValue) {
    JsonNode v = get(name);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isTextual()) {
      throw wrongType(name, "a string", v);
    }
    return v.asText();
  }

  /** A list of strings, or null when not given (or given as null). */
  public @Nullable List<String> stringList(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isArray() || v.isEmpty()) {
      throw wrongType(name, "a non-empty list of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw wrongType(name, "a non-empty list of strings", v);
      }
      out.add(item.asText());
    }
    return out;
  }

  /** Throws if a keyword was given that no getter asked for. */
  public void checkAllUsed() {
    for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            function
                + " has no keyword argument '"
                + name
                + "'"
                + (known.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", known)));
      }
    }
  }

  /** The value, or null when absent or null (Python's None means "use the default"). */
  private @Nullable JsonNode get(String name) {
    known.add(name);
    JsonNode v = values.get(name);
    return v == null || v.isNull() ? null : v;
  }

  private IllegalArgumentException wrongType(String name, String expected, JsonNode value) {
    return new IllegalArgumentException(
        function + ": keyword argument '" + name + "' must be " + expected + ", not " + value);
  }
}
