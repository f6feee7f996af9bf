package io.omniprep.validate;

import io.omniprep.chunk.InputChunk;
import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaException;
import io.omniprep.sample.Sample;
import io.omniprep.util.Lookahead;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One input chunk read, parsed and validated where it landed: its valid samples in record order,
 * its failures, and the digest of its bytes. What every chunk-local writer starts from.
 */
public final class ValidatedChunk {
  /**
   * A stage's own check of a valid sample (e.g. a layout's, a length limit), the failure when it is
   * refused. It may run on the validation pool, beside the validation: it must be thread-safe. It
   * is serializable so that a transform can carry it to its workers.
   */
  @FunctionalInterface
  public interface Check extends Serializable {
    Optional<FailedRecord> refuse(Sample sample);
  }

  /** Where the record ids go (to count repeats). */
  @FunctionalInterface
  public interface Ids {
    void id(String idJson);
  }

  /** How many samples are validated ahead of the one in hand (each holds only paths and text). */
  private static final int VALIDATION_WINDOW = 256;

  private record Checked(Sample sample, Optional<FailedRecord> refused) {}

  private final List<Sample> valid;
  private final List<FailedRecord> failed;
  private final byte[] digest;

  private ValidatedChunk(List<Sample> valid, List<FailedRecord> failed, byte[] digest) {
    this.valid = valid;
    this.failed = failed;
    this.digest = digest;
  }

  /**
   * Reads {@code chunk} and parses each record, then validates the samples (on every core when
   * media are looked up, {@link Lookahead}, in record order) and applies {@code check} to those
   * that pass.
   */
  public static ValidatedChunk of(InputChunk chunk, long maxRecordBytes, SampleValidator validator, Check check, Ids ids)
      throws IOException {
    List<Sample> parsed = new ArrayList<>();
    List<FailedRecord> failed = new ArrayList<>();
    byte[] digest = chunk.parse(maxRecordBytes,
        new InputChunk.Sink() {
          @Override
          public void sample(Sample sample) {
            if (sample.idJson() != null) {
              ids.id(sample.idJson());
            }
            parsed.add(sample);
          }

          @Override
          public void failure(FailedRecord failure) {
            failed.add(failure);
          }
        });
    List<Sample> valid = new ArrayList<>();
    int i = 0;
    Lookahead.Task<Sample, Checked> validateAndCheck = s -> {
      Sample v = validator.validate(s);
      return new Checked(v, check.refuse(v));
    };
    // Structure alone takes microseconds a sample: less than handing it to the pool would.
    Iterable<Lookahead.Outcome<Checked>> outcomes = validator.readsMedia()
        ? Lookahead.ordered(parsed, VALIDATION_WINDOW, validateAndCheck)
        : Lookahead.inline(parsed, validateAndCheck);
    for (Lookahead.Outcome<Checked> outcome : outcomes) {
      Sample sample = parsed.get(i++);
      Checked checked;
      try {
        checked = outcome.get(MediaException.class);
      } catch (MediaException e) {
        failed.add(SampleValidator.failure(sample, e));
        continue;
      }
      if (checked.refused().isPresent()) {
        failed.add(checked.refused().get());
      } else {
        valid.add(checked.sample());
      }
    }
    return new ValidatedChunk(valid, failed, digest);
  }

  /** A chunk validated earlier, as that validation left it (a pass that hands its result on). */
  public static ValidatedChunk of(List<Sample> valid, List<FailedRecord> failed, byte[] digest) {
    return new ValidatedChunk(valid, failed, digest);
  }

  /** The samples that passed, in record order. */
  public List<Sample> valid() {
    return valid;
  }

  /** The records that failed so far, in the order met (a writer adds its own). */
  public List<FailedRecord> failed() {
    return failed;
  }

  /** SHA-256 of the chunk's bytes and extent. */
  public byte[] digest() {
    return digest.clone();
  }
}
