package io.omniprep.llava;

import io.omniprep.chunk.InputChunk;
import io.omniprep.util.Sha256;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.ByteRange;
import io.omniprep.sample.Sample;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The records of one {@link JsonChunk}, parsed: reads the chunk's bytes (one seek, one bounded read)
 * and hands each record to an {@link InputChunk.Sink} as a {@link Sample} or a {@link FailedRecord}
 * quoting it verbatim. A record over the size limit is refused unread ({@code record_too_large}),
 * quoting only its beginning: it never reaches memory whole.
 */
public final class ChunkRecords {
  public static final String STAGE = "parse";
  /** How much of a refused oversized record the errors output quotes. */
  static final int QUOTED_PREFIX = 4096;

  private final JsonChunk chunk;
  private final long maxRecordBytes;
  private final byte[] bytes;

  private ChunkRecords(JsonChunk chunk, long maxRecordBytes, byte[] bytes) {
    this.chunk = chunk;
    this.maxRecordBytes = maxRecordBytes;
    this.bytes = bytes;
  }

  /**
   * Reads the chunk's bytes, or only the first {@value #QUOTED_PREFIX} of a single record longer than
   * {@code maxRecordBytes}.
   */
  public static ChunkRecords read(JsonChunk chunk, long maxRecordBytes) throws IOException {
    long length = chunk.endByte() - chunk.firstByte();
    boolean tooLarge = chunk.size() == 1 && length > maxRecordBytes;
    return new ChunkRecords(
        chunk, maxRecordBytes, MediaResolver.read(new ByteRange(chunk.source(), chunk.firstByte(), tooLarge ? Math.min(length, QUOTED_PREFIX) : length)));
  }

  /** Parses every record of {@code chunk}; records longer than {@code maxRecordBytes} are refused. */
  public static void parse(JsonChunk chunk, long maxRecordBytes, InputChunk.Sink sink) throws IOException {
    read(chunk, maxRecordBytes).parse(sink);
  }

  /** The SHA-256 of what was read and of the chunk's extent: a rerun on other input bytes differs. */
  public byte[] digest() {
    MessageDigest sha = Sha256.newDigest();
    sha.update(bytes);
    sha.update((chunk.source() + "\n" + chunk.firstByte() + "\n" + chunk.endByte() + "\n" + chunk.size()).getBytes(StandardCharsets.UTF_8));
    return sha.digest();
  }

  /** Hands each record to {@code sink}, in order. */
  public void parse(InputChunk.Sink sink) throws IOException {
    long length = chunk.endByte() - chunk.firstByte();
    if (bytes.length < length) {
      sink.failure(
          FailedRecord.of(chunk.source(), chunk.position(0), null, STAGE, Reason.RECORD_TOO_LARGE,
              "the record is " + length + " bytes, over the limit of " + maxRecordBytes
                  + " (--maxRecordBytes); the record field quotes its first " + bytes.length + " bytes",
              chunk.encoding().quote(bytes, 0, bytes.length)));
      return;
    }
    SourceEncoding encoding = chunk.encoding();
    long base = chunk.firstByte();
    for (int i = 0; i < chunk.size(); i++) {
      int from = (int) (chunk.start(i) - base);
      int to = (int) (chunk.end(i) - base);
      Sample sample;
      try {
        if (encoding == SourceEncoding.UTF_8) {
          sample = RecordParser.parse(chunk.source(), chunk.keyName(), chunk.position(i), 0, bytes, from, to);
        } else {
          byte[] utf8 = decode(encoding, from, to);
          sample = RecordParser.parse(chunk.source(), chunk.keyName(), chunk.position(i), 0, utf8, 0, utf8.length);
        }
      } catch (RecordParseException e) {
        sink.failure(
            FailedRecord.of(chunk.source(), chunk.position(i), e.idJson(), STAGE, e.reason(), e.getMessage(),
                encoding.quote(bytes, from, to)));
        continue;
      }
      sink.sample(sample);
    }
  }

  /** A record of a UTF-16 or UTF-32 file as UTF-8; text that does not decode is malformed, not replaced. */
  private byte[] decode(SourceEncoding encoding, int from, int to) throws RecordParseException {
    try {
      return encoding.toUtf8(bytes, from, to);
    } catch (CharacterCodingException e) {
      throw new RecordParseException(
          Reason.MALFORMED_JSON, "not valid " + encoding.name().replace('_', '-') + " text (" + e.getMessage() + ")");
    }
  }
}
