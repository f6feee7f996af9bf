package io.omniprep.dedup;

import io.omniprep.filter.SampleFilter;
import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.util.Lookahead;
import io.omniprep.validate.SampleValidator;
import io.omniprep.validate.ValidatedChunk;
import io.omniprep.io.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The samples of a chunk that dedup considers: read and validated as the chunk's writer will (so
 * the same samples are candidates: a sample the size rules or the writer's layout check ({@code
 * layoutCheck}) refuse keeps no copy),
 * each hashed on every core ({@link Lookahead}). Failures are not reported here: the writer
 * reports them. With {@code carryTo} (the output folder), the chunk as validated is left for its
 * writer ({@link ValidatedParts}).
 */
record Candidates(SampleValidator validator, ValidatedChunk.Check layoutCheck, SampleFilter filter, long maxRecordBytes, @Nullable String carryTo)
    implements Serializable {
  private static final int HASH_WINDOW = 32;

  /**
   * The chunk's candidates, each with its {@code hash}, in record order; those it gives no hash
   * (null) or whose media cannot be read are left out.
   */
  <H> List<KV<Sample, H>> hashed(JsonChunk chunk, Lookahead.Task<Sample, @Nullable H> hash) throws IOException {
    List<Sample> valid;
    if (carryTo == null) {
      valid = ValidatedChunk.of(chunk, maxRecordBytes, validator, sample -> Optional.empty(), id -> {}).valid();
    } else {
      // Validated as the writer would (the layout's check included), and handed to it: not validated twice.
      List<String> ids = new ArrayList<>();
      ValidatedChunk checked = ValidatedChunk.of(chunk, maxRecordBytes, validator, layoutCheck, ids::add);
      ValidatedParts.write(AtomicFiles.directory(carryTo), chunk, checked, ids);
      valid = checked.valid();
    }
    List<KV<Sample, H>> hashed = new ArrayList<>();
    int i = 0;
    for (Lookahead.Outcome<H> outcome : Lookahead.ordered(valid, HASH_WINDOW,
        s -> filter.refuse(s).isPresent() || layoutCheck.refuse(s).isPresent() ? null : hash.apply(s))) {
      Sample sample = valid.get(i++);
      H value;
      try {
        value = outcome.get(IOException.class);
      } catch (IOException e) {
        continue; // unreadable media: the writer fails this sample with its reason
      }
      if (value != null) {
        hashed.add(KV.of(sample, value));
      }
    }
    return hashed;
  }
}
