package io.omniprep.sample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The one canonical training sample every transform speaks. Immutable; built with {@link
 * #builder()}. Samples travel light: paths and text, never media bytes.
 *
 * <ul>
 *   <li>{@code key}: unique, deterministic and WebDataset-safe (see {@link SampleKeys});
 *   <li>{@code source}, {@code position}, {@code ordinal}: where it came from (the file, the index
 *       in its JSON array / line number / table row, and which of the samples made from that
 *       record);
 *   <li>{@code idJson}: the record's {@code id} as raw JSON ({@code "a.b"}, {@code 12}), or null;
 *   <li>{@code turns} and {@code media}, in record order;
 *   <li>{@code fieldOrder} and {@code extras}: every top-level field name in input order, and the
 *       raw JSON of each field that is not modelled above, so that writing back loses nothing.
 * </ul>
 */
@DefaultCoder(SampleCoder.class)
public final class Sample implements Serializable {
  public static final String DEFAULT_CONVERSATION_FIELD = "conversations";

  private final String key;
  private final String source;
  private final long position;
  private final int ordinal;
  private final @Nullable String idJson;
  private final String conversationField;
  private final List<Turn> turns;
  private final List<MediaRef> media;
  private final List<String> fieldOrder;
  private final Map<String, String> extras;
  private final @Nullable String originalRecord;

  private Sample(Builder b) {
    this.key = SampleKeys.requireSafe(Objects.requireNonNull(b.key, "key"));
    this.source = Objects.requireNonNull(b.source, "source");
    this.position = b.position;
    this.ordinal = b.ordinal;
    this.idJson = b.idJson;
    this.conversationField = b.conversationField;
    this.turns = List.copyOf(b.turns);
    this.media = List.copyOf(b.media);
    this.fieldOrder = List.copyOf(b.fieldOrder);
    this.extras = b.extras.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.extras));
    this.originalRecord = b.originalRecord;
  }

  /** {@code s} with other media and original text; its immutable parts shared, not copied. */
  private Sample(Sample s, List<MediaRef> media, @Nullable String originalRecord) {
    this.key = s.key;
    this.source = s.source;
    this.position = s.position;
    this.ordinal = s.ordinal;
    this.idJson = s.idJson;
    this.conversationField = s.conversationField;
    this.turns = s.turns;
    this.media = media;
    this.fieldOrder = s.fieldOrder;
    this.extras = s.extras;
    this.originalRecord = originalRecord;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.key = key;
    b.source = source;
    b.position = position;
    b.ordinal = ordinal;
    b.idJson = idJson;
    b.conversationField = conversationField;
    b.turns = new ArrayList<>(turns);
    b.media = new ArrayList<>(media);
    b.fieldOrder = new ArrayList<>(fieldOrder);
    b.extras = new LinkedHashMap<>(extras);
    b.originalRecord = originalRecord;
    return b;
  }

  public String key() {
    return key;
  }

  public String source() {
    return source;
  }

  public long position() {
    return position;
  }

  public int ordinal() {
    return ordinal;
  }

  public @Nullable String idJson() {
    return idJson;
  }

  public String conversationField() {
    return conversationField;
  }

  public List<Turn> turns() {
    return turns;
  }

  public List<MediaRef> media() {
    return media;
  }

  /** The media of one kind, in record order. */
  public List<MediaRef> media(MediaKind kind) {
    List<MediaRef> out = new ArrayList<>();
    for (MediaRef m : media) {
      if (m.kind() == kind) {
        out.add(m);
      }
    }
    return out;
  }

  public List<String> fieldOrder() {
    return fieldOrder;
  }

  public Map<String, String> extras() {
    return extras;
  }

  /** The record text as read, kept from parsing until validation so failures can quote it. */
  public @Nullable String originalRecord() {
    return originalRecord;
  }

  public Sample withMedia(List<MediaRef> newMedia) {
    return new Sample(this, List.copyOf(newMedia), originalRecord);
  }

  /** The same sample without the record text it was read from (once failures no longer need to quote it). */
  public Sample withoutOriginalRecord() {
    return new Sample(this, media, null);
  }

  /** Total resolved media bytes: the weight used to roll shards and patches by size. */
  public long resolvedBytes() {
    long total = 0;
    for (MediaRef m : media) {
      if (m.resolved() != null) {
        total += m.resolved().totalBytes();
      }
    }
    return total;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Sample)) {
      return false;
    }
    Sample s = (Sample) o;
    return key.equals(s.key)
        && source.equals(s.source)
        && position == s.position
        && ordinal == s.ordinal
        && Objects.equals(idJson, s.idJson)
        && conversationField.equals(s.conversationField)
        && turns.equals(s.turns)
        && media.equals(s.media)
        && fieldOrder.equals(s.fieldOrder)
        && extras.equals(s.extras)
        && Objects.equals(originalRecord, s.originalRecord);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, source, position, ordinal, idJson, turns, media, extras);
  }

  @Override
  public String toString() {
    return "Sample{" + key + ", " + source + "#" + position + ", media=" + media + ", turns=" + turns.size() + "}";
  }

  /** Mutable builder; {@link #build()} checks the key. */
  public static final class Builder {
    private @Nullable String key;
    private @Nullable String source;
    private long position;
    private int ordinal;
    private @Nullable String idJson;
    private String conversationField = DEFAULT_CONVERSATION_FIELD;
    private List<Turn> turns = new ArrayList<>();
    private List<MediaRef> media = new ArrayList<>();
    private List<String> fieldOrder = new ArrayList<>();
    private Map<String, String> extras = new LinkedHashMap<>();
    private @Nullable String originalRecord;

    private Builder() {}

    public Builder key(String key) {
      this.key = key;
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder position(long position) {
      this.position = position;
      return this;
    }

    public Builder ordinal(int ordinal) {
      this.ordinal = ordinal;
      return this;
    }

    public Builder idJson(@Nullable String idJson) {
      this.idJson = idJson;
      return this;
    }

    public Builder conversationField(String conversationField) {
      this.conversationField = Objects.requireNonNull(conversationField);
      return this;
    }

    public Builder turns(List<Turn> turns) {
      this.turns = new ArrayList<>(turns);
      return this;
    }

    public Builder addTurn(Turn turn) {
      this.turns.add(turn);
      return this;
    }

    public Builder media(List<MediaRef> media) {
      this.media = new ArrayList<>(media);
      return this;
    }

    public Builder addMedia(MediaRef ref) {
      this.media.add(ref);
      return this;
    }

    public Builder fieldOrder(List<String> fieldOrder) {
      this.fieldOrder = new ArrayList<>(fieldOrder);
      return this;
    }

    /** Appends a top-level field name unless it is already listed. */
    public Builder addField(String field) {
      if (!fieldOrder.contains(field)) {
        fieldOrder.add(field);
      }
      return this;
    }

    public Builder extras(Map<String, String> extras) {
      this.extras = new LinkedHashMap<>(extras);
      return this;
    }

    /** Sets a non-modelled field to a raw JSON value and lists it in the field order. */
    public Builder putExtra(String field, String rawJson) {
      this.extras.put(field, rawJson);
      return addField(field);
    }

    public Builder originalRecord(@Nullable String originalRecord) {
      this.originalRecord = originalRecord;
      return this;
    }

    public Sample build() {
      return new Sample(this);
    }
  }
}
