package io.omniprep.lengths;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.media.MediaException;
import io.omniprep.sample.Sample;
import java.io.IOException;
import io.omniprep.metrics.Counters;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The lengths of one chunk's valid samples, measured as they pass validation (on its pool, so
 * thread-safe), by sample key.
 */
public final class ChunkLengths {
  private final MeasureLengths measure;
  private final Map<String, SequenceLengths> byKey = new ConcurrentHashMap<>();
  private final AtomicLong videosNotMeasured = new AtomicLong();

  public ChunkLengths(MeasureLengths measure) {
    this.measure = measure;
  }

  /** Measures a valid sample; the failure when it is refused ({@code too_long}, an unreadable image...). */
  public Optional<FailedRecord> check(Sample sample) {
    try {
      byKey.put(sample.key(), measure.measure(sample));
      videosNotMeasured.addAndGet(MeasureLengths.videosNotMeasured(sample));
      return Optional.empty();
    } catch (MediaException e) {
      return Optional.of(MeasureLengths.failure(sample, e));
    } catch (IOException e) {
      return Optional.of(MeasureLengths.failure(sample, new MediaException(Reason.IO_ERROR, String.valueOf(e.getMessage()), e)));
    }
  }

  /** Adds to the job's counters, from the thread that processes the chunk (Beam's metrics are per thread). */
  public void count() {
    Counters.named(MeasureLengths.VIDEO_NOT_MEASURED).inc(videosNotMeasured.get());
  }

  /** The lengths of a sample {@link #check} accepted, null for any other. */
  public @Nullable SequenceLengths of(String key) {
    return byKey.get(key);
  }
}
