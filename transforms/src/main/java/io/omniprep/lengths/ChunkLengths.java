package io.omniprep.lengths;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.media.MediaException;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The lengths of one chunk's valid samples, measured as they pass validation, by sample key. */
public final class ChunkLengths {
  private final MeasureLengths measure;
  private final Map<String, SequenceLengths> byKey = new HashMap<>();

  public ChunkLengths(MeasureLengths measure) {
    this.measure = measure;
  }

  /** Measures a valid sample; the failure when it is refused ({@code too_long}, an unreadable image...). */
  public Optional<FailedRecord> check(Sample sample) {
    try {
      byKey.put(sample.key(), measure.measure(sample));
      return Optional.empty();
    } catch (MediaException e) {
      return Optional.of(MeasureLengths.failure(sample, e));
    } catch (IOException e) {
      return Optional.of(MeasureLengths.failure(sample, new MediaException(Reason.IO_ERROR, String.valueOf(e.getMessage()), e)));
    }
  }

  /** The lengths of a sample {@link #check} accepted, null for any other. */
  public @Nullable SequenceLengths of(String key) {
    return byKey.get(key);
  }
}
