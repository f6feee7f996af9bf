package io.omniprep.dedup;

import io.omniprep.errors.FailedRecord;
import io.omniprep.filter.SampleFilter;
import io.omniprep.io.AtomicFiles;
import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidatedChunk;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The samples of a chunk that dedup considers: read and validated as the chunk's writer will (so
 * the same samples are candidates: a sample the size rules or the writer's layout check ({@code
 * layoutCheck}) refuse keeps no copy), each hashed in its own validation's task, on the validation's
 * pool, as soon as it passes: the chunk is swept once, and a sample's media are read while the
 * validation has just opened them. Failures are not reported here: the writer reports them. With
 * {@code carryTo} (the output folder), the chunk as validated is left for its writer ({@link ValidatedParts}).
 */
record Candidates(SampleValidator validator, ValidatedChunk.Check layoutCheck, SampleFilter filter, long maxRecordBytes, @Nullable String carryTo)
    implements Serializable {
  /** What a candidate is hashed by; null when it cannot be a duplicate. */
  @FunctionalInterface
  interface Hash<H> {
    @Nullable H of(Sample sample) throws IOException;
  }

  /**
   * The chunk's candidates, each with its {@code hash}, in record order; those it gives no hash
   * (null) or whose media cannot be read are left out.
   */
  <H> List<KV<Sample, H>> hashed(JsonChunk chunk, Hash<H> hash) throws IOException {
    Map<String, H> hashes = new ConcurrentHashMap<>();
    ValidatedChunk.Check hashIfCandidate = sample -> {
      try {
        H value = filter.refuse(sample).isPresent() ? null : hash.of(sample);
        if (value != null) {
          hashes.put(sample.key(), value);
        }
      } catch (IOException e) {
        // unreadable media: the writer fails this sample with its reason
      }
      return Optional.empty();
    };
    List<Sample> valid;
    if (carryTo == null) {
      ValidatedChunk.Check check = sample -> layoutCheck.refuse(sample).isPresent() ? Optional.empty() : hashIfCandidate.refuse(sample);
      valid = ValidatedChunk.of(chunk, maxRecordBytes, validator, check, id -> {}).valid();
    } else {
      // Validated as the writer would (the layout's check included), and handed to it: not validated twice.
      ValidatedChunk.Check check = sample -> {
        Optional<FailedRecord> refused = layoutCheck.refuse(sample);
        return refused.isPresent() ? refused : hashIfCandidate.refuse(sample);
      };
      List<String> ids = new ArrayList<>();
      ValidatedChunk checked = ValidatedChunk.of(chunk, maxRecordBytes, validator, check, ids::add);
      ValidatedParts.write(AtomicFiles.directory(carryTo), chunk, checked, ids);
      valid = checked.valid();
    }
    List<KV<Sample, H>> hashed = new ArrayList<>();
    for (Sample sample : valid) {
      H value = hashes.get(sample.key());
      if (value != null) {
        hashed.add(KV.of(sample, value));
      }
    }
    return hashed;
  }
}
