package io.omniprep.sample;

import java.util.Locale;
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

  /** The kind a record field holds, if it is a media field at all. */
  public static Optional<MediaKind> ofField(String field) {
    for (MediaKind kind : values()) {
      if (kind.llavaField.equals(field) || field.equals(kind.shareGptField)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
