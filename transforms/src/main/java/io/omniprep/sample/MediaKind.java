package io.omniprep.sample;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a media reference holds, and the record fields it is read from. */
public enum MediaKind {
  IMAGE("image", "images"),
  VIDEO("video", "videos"),
  AUDIO("audio", "audios"),
  /** A spoken question (Ola): its transcript sits in {@code text_q}. */
  AUDIO_Q("audio_q", null),
  /** A generation target (LaViDa-O). */
  IMAGE_GEN("image_gen", null);

  private final String llavaField;
  private final String shareGptField;

  MediaKind(String llavaField, String shareGptField) {
    this.llavaField = llavaField;
    this.shareGptField = shareGptField;
  }

  /** The singular LLaVA/Ola field name, e.g. {@code image}. */
  public String llavaField() {
    return llavaField;
  }

  /** The plural ShareGPT/Pai list field, e.g. {@code images}, or the LLaVA name when there is none. */
  public String shareGptField() {
    return shareGptField != null ? shareGptField : llavaField;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every kind by each of its field names, made once: a record asks for each of its fields. */
  private static final Map<String, MediaKind> BY_FIELD = byField();

  private static Map<String, MediaKind> byField() {
    Map<String, MediaKind> byField = new HashMap<>();
    for (MediaKind kind : values()) {
      byField.put(kind.llavaField, kind);
      byField.put(kind.shareGptField(), kind);
    }
    return Map.copyOf(byField);
  }

  /** The kind a record field holds, if it is a media field at all. */
  public static Optional<MediaKind> ofField(String field) {
    return Optional.ofNullable(BY_FIELD.get(field));
  }
}
