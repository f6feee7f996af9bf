package io.omniprep.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Turns a Parquet row into JSON values the way pyarrow / pandas present them: structs as objects,
 * {@code LIST} columns as arrays (the standard three-level layout and the legacy two-level one),
 * {@code MAP} columns as objects, strings as strings, decimals exactly. Timestamps, dates and times
 * stay the integers Parquet stores. Binary values are kept as bytes, or given as base64 strings
 * where rows must travel as JSON.
 */
final class ParquetValues {
  private static final JsonNodeFactory NODES = TableJson.MAPPER.getNodeFactory();

  private ParquetValues() {}

  static ObjectNode row(Group row, boolean keepBinary) {
    return struct(row, keepBinary);
  }

  private static ObjectNode struct(Group group, boolean keepBinary) {
    GroupType type = group.getType();
    ObjectNode out = NODES.objectNode();
    for (int i = 0; i < type.getFieldCount(); i++) {
      Type field = type.getType(i);
      int count = group.getFieldRepetitionCount(i);
      if (field.isRepetition(Type.Repetition.REPEATED)) {
        ArrayNode items = out.putArray(field.getName());
        for (int r = 0; r < count; r++) {
          items.add(value(group, i, r, field, keepBinary));
        }
      } else {
        out.set(
            field.getName(), count == 0 ? NODES.nullNode() : value(group, i, 0, field, keepBinary));
      }
    }
    return out;
  }

  private static JsonNode value(Group parent, int field, int index, Type type, boolean keepBinary) {
    if (type.isPrimitive()) {
      return primitive(parent, field, index, type.asPrimitiveType(), keepBinary);
    }
    Group group = parent.getGroup(field, index);
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      return list(group, keepBinary);
    }
    if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      return map(group, keepBinary);
    }
    return struct(group, keepBinary);
  }

  /**
   * {@code group (LIST) { repeated group list { element } }}, or the legacy {@code repeated X
   * array}.
   */
  private static ArrayNode list(Group listGroup, boolean keepBinary) {
    ArrayNode out = NODES.arrayNode();
    Type repeated = listGroup.getType().getType(0);
    boolean threeLevel = isThreeLevel(repeated, listGroup.getType().getName());
    int count = listGroup.getFieldRepetitionCount(0);
    for (int r = 0; r < count; r++) {
      if (!threeLevel) {
        out.add(value(listGroup, 0, r, repeated, keepBinary));
        continue;
      }
      Group wrapper = listGroup.getGroup(0, r);
      Type element = repeated.asGroupType().getType(0);
      out.add(
          wrapper.getFieldRepetitionCount(0) == 0
              ? NODES.nullNode()
              : value(wrapper, 0, 0, element, keepBinary));
    }
    return out;
  }

  /**
   * The backward-compatibility rules of the Parquet format spec for which level holds the element.
   */
  private static boolean isThreeLevel(Type repeated, String listName) {
    if (repeated.isPrimitive()) {
      return false;
    }
    GroupType group = repeated.asGroupType();
    return group.getFieldCount() == 1
        && !group.getName().equals("array")
        && !group.getName().equals(listName + "_tuple");
  }

  private static ObjectNode map(Group mapGroup, boolean keepBinary) {
    ObjectNode out = NODES.objectNode();
    GroupType entryType = mapGroup.getType().getType(0).asGroupType();
    for (int r = 0; r < mapGroup.getFieldRepetitionCount(0); r++) {
      Group entry = mapGroup.getGroup(0, r);
      JsonNode key = value(entry, 0, 0, entryType.getType(0), keepBinary);
      JsonNode value =
          entryType.getFieldCount() < 2 || entry.getFieldRepetitionCount(1) == 0
              ? NODES.nullNode()
              : value(entry, 1, 0, entryType.getType(1), keepBinary);
      out.set(key.isTextual() ? key.asText() : key.toString(), value);
    }
    return out;
  }

  private static JsonNode primitive(
      Group g, int field, int index, PrimitiveType type, boolean keepBinary) {
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return NODES.booleanNode(g.getBoolean(field, index));
      case INT32:
        if (annotation instanceof DecimalLogicalTypeAnnotation) {
          return decimal(BigInteger.valueOf(g.getInteger(field, index)), annotation);
        }
        if (isUnsigned(annotation)) {
          return NODES.numberNode(Integer.toUnsignedLong(g.getInteger(field, index)));
        }
        return NODES.numberNode(g.getInteger(field, index));
      case INT64:
        if (annotation instanceof DecimalLogicalTypeAnnotation) {
          return decimal(BigInteger.valueOf(g.getLong(field, index)), annotation);
        }
        if (isUnsigned(annotation)) {
          return NODES.numberNode(new BigInteger(Long.toUnsignedString(g.getLong(field, index))));
        }
        return NODES.numberNode(g.getLong(field, index));
      case FLOAT:
        return NODES.numberNode(g.getFloat(field, index));
      case DOUBLE:
        return NODES.numberNode(g.getDouble(field, index));
      case INT96:
        return bytes(g.getInt96(field, index).getBytes(), keepBinary);
      default: // BINARY, FIXED_LEN_BYTE_ARRAY
        if (annotation instanceof DecimalLogicalTypeAnnotation) {
          return decimal(new BigInteger(g.getBinary(field, index).getBytes()), annotation);
        }
        if (annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return NODES.textNode(g.getString(field, index));
        }
        return bytes(g.getBinary(field, index).getBytes(), keepBinary);
    }
  }

  private static boolean isUnsigned(LogicalTypeAnnotation annotation) {
    return annotation instanceof IntLogicalTypeAnnotation
        && !((IntLogicalTypeAnnotation) annotation).isSigned();
  }

  private static JsonNode decimal(BigInteger unscaled, LogicalTypeAnnotation annotation) {
    return NODES.numberNode(
        new BigDecimal(unscaled, ((DecimalLogicalTypeAnnotation) annotation).getScale()));
  }

  private static JsonNode bytes(byte[] bytes, boolean keepBinary) {
    return keepBinary
        ? NODES.binaryNode(bytes)
        : NODES.textNode(Base64.getEncoder().encodeToString(bytes));
  }
}
