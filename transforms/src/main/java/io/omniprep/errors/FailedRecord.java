package io.omniprep.errors;

import io.omniprep.sample.Sample;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One record that did not make it into the output, with everything a user needs to fix and re-run
 * it: the source file and position, the record's id (raw JSON) if it had one, the stage that
 * refused it, a reason code and message, and the record text.
 */
@DefaultCoder(FailedRecordCoder.class)
public final class FailedRecord implements Serializable {
  private final String source;
  private final long position;
  private final @Nullable String idJson;
  private final String stage;
  private final Reason reason;
  private final String message;
  private final String record;

  private FailedRecord(
      String source,
      long position,
      @Nullable String idJson,
      String stage,
      Reason reason,
      String message,
      String record) {
    this.source = Objects.requireNonNull(source, "source");
    this.position = position;
    this.idJson = idJson;
    this.stage = Objects.requireNonNull(stage, "stage");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.message = Objects.requireNonNull(message, "message");
    this.record = Objects.requireNonNull(record, "record");
  }

  /**
   * A record that failed at {@code stage}: {@code idJson} is its id as raw JSON, or null when it has
   * none (or could not be read); {@code record} its text.
   */
  public static FailedRecord of(String source, long position, @Nullable String idJson, String stage, Reason reason,
      String message, String record) {
    return new FailedRecord(source, position, idJson, stage, reason, message, record);
  }

  /** A sample that failed at {@code stage}, located and named as it was read. */
  public static FailedRecord of(Sample sample, String stage, Reason reason, String message, String record) {
    return new FailedRecord(sample.source(), sample.position(), sample.idJson(), stage, reason, message, record);
  }

  public String source() {
    return source;
  }

  /** Index in a JSON array, line number in a JSON Lines file, or row number in a table. */
  public long position() {
    return position;
  }

  public @Nullable String idJson() {
    return idJson;
  }

  public String stage() {
    return stage;
  }

  public Reason reason() {
    return reason;
  }

  public String message() {
    return message;
  }

  /** The original record text (verbatim when the failure happened at parsing or validation). */
  public String record() {
    return record;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof FailedRecord)) {
      return false;
    }
    FailedRecord f = (FailedRecord) o;
    return source.equals(f.source)
        && position == f.position
        && Objects.equals(idJson, f.idJson)
        && stage.equals(f.stage)
        && reason == f.reason
        && message.equals(f.message)
        && record.equals(f.record);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, position, idJson, stage, reason, message, record);
  }

  @Override
  public String toString() {
    return stage + " " + reason.code() + " at " + source + "#" + position + ": " + message;
  }
}
