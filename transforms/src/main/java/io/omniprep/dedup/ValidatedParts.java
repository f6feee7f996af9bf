package io.omniprep.dedup;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.FailedRecordCoder;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.NumberedParts;
import io.omniprep.llava.JsonChunk;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleCoder;
import io.omniprep.sample.Wire;
import io.omniprep.validate.ValidatedChunk;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A chunk as the dedup pass read, parsed and validated it, handed to the chunk's writer so that no
 * chunk is parsed and validated twice: chunk {@code N}'s in {@code
 * OUTPUT/.omniprep/validated/validated-NNNNNN.bin} (the chunk's descriptor, its digest, its record
 * ids in parse order, its valid samples and its failures, each in its coder), read by the writer
 * and removed with all the others once the writers are done. A writer that finds none, or one of
 * another chunk, validates the chunk itself.
 *
 * <p>Why a file rather than validating again: validation parses every record and opens every
 * medium for its header (its size and pixel limit), which on 50,000 images took about twice the
 * CPU of encoding, writing, reading and decoding the part, and a medium is a request to the store
 * where a part is a few per chunk (written, found, read) for thousands of media. The pass cannot
 * hand it over in memory: the writer runs after every chunk is probed, maybe on another worker,
 * and all the chunks' samples held at once would not stay bounded.
 */
public final class ValidatedParts {
  /** Chunk {@code N}'s part; all removed once the writers are done. */
  public static final NumberedParts PARTS = new NumberedParts(".omniprep/validated", "validated-", ".bin");

  private static final SampleCoder SAMPLES = SampleCoder.of();
  private static final FailedRecordCoder FAILURES = FailedRecordCoder.of();

  private ValidatedParts() {}

  /** What the pass leaves of a chunk: the chunk validated, and the ids of the records parsed, in order. */
  public record Part(ValidatedChunk checked, List<String> ids) {}

  /** What the part must name to be taken for {@code chunk}: its file, ordinal and records. */
  private static String descriptor(JsonChunk chunk) {
    int n = chunk.size();
    return chunk.source() + "\n" + chunk.ordinal() + "\n" + n + (n == 0 ? "" : "\n" + chunk.start(0) + "-" + chunk.end(n - 1));
  }

  static void write(ResourceId outputDirectory, JsonChunk chunk, ValidatedChunk checked, List<String> ids) throws IOException {
    AtomicFiles.write(PARTS.location(outputDirectory, chunk.ordinal()), out -> {
      Wire.writeString(descriptor(chunk), out);
      byte[] digest = checked.digest();
      Wire.writeInt(digest.length, out);
      out.write(digest);
      writeList(ids, out, Wire::writeString);
      writeList(checked.valid(), out, SAMPLES::encode);
      writeList(checked.failed(), out, FAILURES::encode);
    });
  }

  /**
   * Chunk {@code chunk}'s part; empty when there is none for it. Not removed here (a request per
   * chunk): the parts go together once the writers are done, and a writer retried reads its part again.
   */
  public static Optional<Part> read(ResourceId outputDirectory, JsonChunk chunk) throws IOException {
    ResourceId file = PARTS.location(outputDirectory, chunk.ordinal());
    if (!AtomicFiles.exists(file)) {
      return Optional.empty();
    }
    try (InputStream in = new BufferedInputStream(Channels.newInputStream(FileSystems.open(file)), 1 << 16)) {
      if (!Wire.readString(in).equals(descriptor(chunk))) {
        return Optional.empty();
      }
      byte[] digest = in.readNBytes(Wire.readInt(in));
      List<String> ids = readList(in, Wire::readString);
      List<Sample> valid = readList(in, SAMPLES::decode);
      List<FailedRecord> failed = readList(in, FAILURES::decode);
      return Optional.of(new Part(ValidatedChunk.of(valid, failed, Arrays.copyOf(digest, digest.length)), ids));
    }
  }

  private interface Writer<T> {
    void write(T value, OutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  private static <T> void writeList(List<T> values, OutputStream out, Writer<T> writer) throws IOException {
    Wire.writeInt(values.size(), out);
    for (T value : values) {
      writer.write(value, out);
    }
  }

  private static <T> List<T> readList(InputStream in, Reader<T> reader) throws IOException {
    int n = Wire.readInt(in);
    List<T> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(reader.read(in));
    }
    return values;
  }
}
