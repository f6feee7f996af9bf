package io.omniprep.llava;

import io.omniprep.errors.Reason;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A record that cannot become a {@link io.omniprep.sample.Sample}, with the reason. */
public final class RecordParseException extends Exception {
  private final Reason reason;
  private final @Nullable String idJson;

  public RecordParseException(Reason reason, String message) {
    this(reason, message, null);
  }

  private RecordParseException(Reason reason, String message, @Nullable String idJson) {
    super(message);
    this.reason = reason;
    this.idJson = idJson;
  }

  public Reason reason() {
    return reason;
  }

  /** The record's id (raw JSON) if parsing got that far, else null. */
  public @Nullable String idJson() {
    return idJson;
  }

  RecordParseException withId(@Nullable String id) {
    return id == null || idJson != null ? this : new RecordParseException(reason, getMessage(), id);
  }
}
