package io.omniprep.validate;

import io.omniprep.errors.FailedRecord;
import io.omniprep.media.MediaException;
import io.omniprep.read.ChunkRecords;
import io.omniprep.read.JsonChunk;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One input chunk read, parsed and validated where it landed: its valid samples in record order,
 * its failures, and the digest of its bytes. What every chunk-local writer starts from.
 */
public final class ValidatedChunk {
  /** A stage's own check of a valid sample (e.g. a layout's), the failure when it is refused. */
  @FunctionalInterface
  public interface Check {
    Optional<FailedRecord> refuse(Sample sample);
  }

  /** Where the record ids go (to count repeats). */
  @FunctionalInterface
  public interface Ids {
    void id(String idJson);
  }

  private final List<Sample> valid;
  private final List<FailedRecord> failed;
  private final byte[] digest;

  private ValidatedChunk(List<Sample> valid, List<FailedRecord> failed, byte[] digest) {
    this.valid = valid;
    this.failed = failed;
    this.digest = digest;
  }

  /** Reads {@code chunk}, parses each record, validates it, then applies {@code check}. */
  public static ValidatedChunk of(JsonChunk chunk, long maxRecordBytes, SampleValidator validator, Check check, Ids ids)
      throws IOException {
    List<Sample> valid = new ArrayList<>();
    List<FailedRecord> failed = new ArrayList<>();
    ChunkRecords records = ChunkRecords.read(chunk, maxRecordBytes);
    records.parse(
        new ChunkRecords.Sink() {
          @Override
          public void sample(Sample sample) throws IOException {
            if (sample.idJson() != null) {
              ids.id(sample.idJson());
            }
            Sample checked;
            try {
              checked = validator.validate(sample);
            } catch (MediaException e) {
              failed.add(SampleValidator.failure(sample, e));
              return;
            }
            Optional<FailedRecord> refused = check.refuse(checked);
            if (refused.isPresent()) {
              failed.add(refused.get());
            } else {
              valid.add(checked);
            }
          }

          @Override
          public void failure(FailedRecord failure) {
            failed.add(failure);
          }
        });
    return new ValidatedChunk(valid, failed, records.digest());
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
