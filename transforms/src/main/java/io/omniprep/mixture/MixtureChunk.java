package io.omniprep.mixture;

import io.omniprep.emova.ChunkUnits;
import io.omniprep.util.Sha256;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.FailedRecordCoder;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleCoder;
import io.omniprep.table.FilteredRows;
import io.omniprep.table.TableRow;
import io.omniprep.chunk.InputChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One table file of one dataset of a mixture, the mixture's unit of work ({@link
 * PlanMixtureChunks}): the worker that gets it reads the file, filters its rows, numbers them
 * across the dataset from the counts of the files before it ({@code rowOffset}, {@code
 * keptOffset}), keeps those the dataset's selection keeps (planned from the dataset's filtered
 * length, so {@code random:N} picks the same rows as on one machine; with {@code speech_units:}, first
 * joins each row's units from the {@link ChunkUnits} the plan gave the chunk), and makes their samples
 * ({@link RowSamples}); the writer then validates and writes them where they were made.
 */
public final class MixtureChunk implements InputChunk.Whole, Serializable {
  /** The selections of the datasets this JVM's workers met lately: {@code random:N} is planned once, not per file. */
  private static final Map<List<Object>, Selection> SELECTIONS =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Selection> eldest) {
          return size() > 8;
        }
      };

  private final DatasetConfig dataset;
  private final long seed;
  private final String source;
  private final long rowOffset;
  private final long keptOffset;
  private final long datasetLength;
  private final long ordinal;
  private final @Nullable ChunkUnits units;

  /**
   * File {@code source} of {@code dataset}, whose rows before it number {@code rowOffset} ({@code
   * keptOffset} of them kept by the filters) of the dataset's {@code datasetLength} kept rows, the
   * {@code ordinal}-th chunk of the mixture.
   */
  MixtureChunk(DatasetConfig dataset, long seed, String source, long rowOffset, long keptOffset, long datasetLength, long ordinal) {
    this(dataset, seed, source, rowOffset, keptOffset, datasetLength, ordinal, null);
  }

  private MixtureChunk(DatasetConfig dataset, long seed, String source, long rowOffset, long keptOffset, long datasetLength, long ordinal,
      @Nullable ChunkUnits units) {
    this.dataset = Objects.requireNonNull(dataset);
    this.seed = seed;
    this.source = Objects.requireNonNull(source);
    this.rowOffset = rowOffset;
    this.keptOffset = keptOffset;
    this.datasetLength = datasetLength;
    this.ordinal = ordinal;
    this.units = units;
  }

  /** Whether its dataset joins speech units from a sidecar. */
  boolean hasSpeechUnits() {
    return dataset.speechUnits() != null;
  }

  /** The chunk with the speech units of its rows (a dataset with {@code speech_units:}), joined onto them as they are read. */
  MixtureChunk withUnits(ChunkUnits units) {
    return new MixtureChunk(dataset, seed, source, rowOffset, keptOffset, datasetLength, ordinal, Objects.requireNonNull(units));
  }

  public String source() {
    return source;
  }

  @Override
  public long ordinal() {
    return ordinal;
  }

  /** The dataset's name: what its samples are keyed by. */
  @Override
  public String keyName() {
    return dataset.name();
  }

  /** None: the rows are counted as they are read. */
  @Override
  public long countedRecords() {
    return 0;
  }

  /**
   * Reads the file and hands on the samples its selected rows make and the rows that failed; the
   * digest covers the chunk's place and everything it handed on. {@code maxRecordBytes} is not
   * applied: a table's rows are read one at a time by their format's reader.
   *
   * @throws IllegalArgumentException when the dataset's {@code random:N} asks for more rows than it has
   */
  @Override
  public byte[] parse(long maxRecordBytes, InputChunk.Sink sink) throws IOException {
    Selection selection = selection();
    RowSamples made = new RowSamples(dataset.name(), dataset.preprocessFn(), dataset.imageRoot(), seed);
    MessageDigest digest = Sha256.newDigest();
    digest.update(String.join("\n", "mixture-chunk-1", dataset.toString(), source, Long.toString(rowOffset), Long.toString(keptOffset),
        Long.toString(datasetLength), Long.toString(seed)).getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    FilteredRows.Receiver receiver =
        new FilteredRows.Receiver() {
          @Override
          public void kept(TableRow row) {
            TableRow joined = units == null ? row : units.attach(row, this::failed);
            if (joined == null) {
              return;
            }
            TableRow selected = SampleRows.select(selection, joined.shifted(rowOffset, keptOffset), dataset.name());
            if (selected != null) {
              made.make(selected, this::sample, this::failed);
            }
          }

          private void sample(Sample sample) {
            handOn(SampleCoder.of(), sample, sink::sample);
          }

          @Override
          public void failed(FailedRecord failure) {
            handOn(FailedRecordCoder.of(), failure, sink::failure);
          }

          /** Adds the item's encoding to the digest and hands it to the sink. */
          private <T> void handOn(Coder<T> coder, T item, IoConsumer<T> to) {
            try {
              coder.encode(item, encoded);
              to.accept(item);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            digest.update(encoded.toByteArray());
            encoded.reset();
          }
        };
    if (units != null) {
      units.sidecarFailures().forEach(receiver::failed);
    }
    FilteredRows.read(FileSystems.matchSingleFileSpec(source), dataset.format(), dataset.columns(), dataset.filter(), dataset.name(), true, receiver);
    return digest.digest();
  }

  private interface IoConsumer<T> {
    void accept(T item) throws IOException;
  }

  private Selection selection() {
    List<Object> key = List.of(dataset.sampling().toString(), datasetLength, seed);
    synchronized (SELECTIONS) {
      Selection cached = SELECTIONS.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Selection planned = Selection.of(dataset.sampling(), datasetLength, seed);
    synchronized (SELECTIONS) {
      SELECTIONS.put(key, planned);
    }
    return planned;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof MixtureChunk)) {
      return false;
    }
    MixtureChunk c = (MixtureChunk) o;
    return dataset.name().equals(c.dataset.name()) && seed == c.seed && source.equals(c.source) && rowOffset == c.rowOffset
        && keptOffset == c.keptOffset && datasetLength == c.datasetLength && ordinal == c.ordinal && Objects.equals(units, c.units);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataset.name(), source, ordinal);
  }

  @Override
  public String toString() {
    return "MixtureChunk " + ordinal + " " + dataset.name() + " " + source + " +" + rowOffset + "/" + keptOffset + " of " + datasetLength;
  }
}
