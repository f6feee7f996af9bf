package io.omniprep.chunk;

import io.omniprep.errors.FailedRecord;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.util.Map;

/**
 * A unit of work of the chunk-local plan ({@link io.omniprep.validate.ChunkStageFn}): a small
 * descriptor that travels to a worker, which then reads and parses what it describes. A run of JSON
 * records ({@link io.omniprep.llava.JsonChunk}) or one table file of a mixture's dataset ({@link
 * io.omniprep.mixture.MixtureChunk}).
 */
public interface InputChunk {
  /** This chunk's place among every chunk of the run, from 0: what its output parts are numbered by. */
  long ordinal();

  /**
   * The name the sample table gives the records read from {@code source}: one per chunk, but a
   * shuffle's record set spans files.
   */
  String keyNameOf(String source);

  /**
   * The planned input chunks whose records this unit holds, by ordinal, with their key names: this
   * chunk itself, but for a shuffle's record set (what dedup's decisions are looked up by).
   */
  Map<Long, String> inputChunks();

  /** The records to count as read when the chunk is parsed; 0 when {@link #parse} counts them itself. */
  long countedRecords();

  /**
   * Reads the chunk and hands each record, in order, to {@code sink} as a sample or a failure.
   *
   * @return a digest of what was read: a rerun on other input differs
   */
  byte[] parse(long maxRecordBytes, Sink sink) throws IOException;

  /** Where a chunk's parsed records go. */
  interface Sink {
    void sample(Sample sample) throws IOException;

    void failure(FailedRecord failure) throws IOException;
  }

  /** A chunk that is one input chunk, all its records named alike: a JSON chunk, a mixture's table file. */
  interface Whole extends InputChunk {
    /** The name the sample table gives every record of this chunk. */
    String keyName();

    @Override
    default String keyNameOf(String source) {
      return keyName();
    }

    @Override
    default Map<Long, String> inputChunks() {
      return Map.of(ordinal(), keyName());
    }
  }
}
