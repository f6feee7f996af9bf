package io.omniprep.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import io.omniprep.json.PythonJson;
import io.omniprep.media.ImageFormat;
import io.omniprep.media.Images;
import io.omniprep.media.MediaException;
import io.omniprep.media.MediaPaths;
import io.omniprep.metrics.Counters;
import io.omniprep.table.RowSink;
import io.omniprep.table.TableFiles;
import io.omniprep.table.TableFormat;
import io.omniprep.table.TableJson;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Converts one Parquet file of a config, streaming: each row's {@code image} is written as {@code
 * OUTPUT/CONFIG/INDEX.png} (or its own bytes and extension), right here where its bytes were read,
 * and the row becomes a record naming that file, appended to this file's part of the config's
 * annotations. Emits {@code KV(config, KV(fileIndex, records))} for the final join.
 *
 * <p>Like the reference, the {@code image} field moves to the end of the record, other columns are
 * copied unchanged, and rows without an {@code image} column stay text-only. Unlike it, a row whose
 * {@code image} is null stays text-only rather than crashing, and an image that cannot be decoded
 * is a failure for that row only.
 */
final class ConvertHfFileFn extends DoFn<HfFile, KV<String, KV<Integer, Long>>> {
  static final String STAGE = "convert";
  static final String IMAGES_WRITTEN = "hf_images_written";

  private final String outputDirectory;
  private final boolean keepImageBytes;
  private final TupleTag<KV<String, KV<Integer, Long>>> partsTag;
  private final TupleTag<FailedRecord> failuresTag;

  ConvertHfFileFn(
      String outputDirectory,
      boolean keepImageBytes,
      TupleTag<KV<String, KV<Integer, Long>>> partsTag,
      TupleTag<FailedRecord> failuresTag) {
    this.outputDirectory = outputDirectory;
    this.keepImageBytes = keepImageBytes;
    this.partsTag = partsTag;
    this.failuresTag = failuresTag;
  }

  @ProcessElement
  public void process(@Element HfFile file, MultiOutputReceiver out) throws IOException {
    MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(file.file);
    Rows rows = new Rows(file, meta.resourceId(), out);
    try {
      AtomicFiles.write(
          HfPaths.part(outputDirectory, file.config, file.fileIndex),
          part -> {
            rows.part = part;
            TableFiles.read(meta, TableFormat.PARQUET, null, true, rows);
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.get(partsTag).output(KV.of(file.config, KV.of(file.fileIndex, rows.records)));
  }

  /** The rows of the file, in order: converted and appended to the part, or reported. */
  private final class Rows implements RowSink {
    private final HfFile file;
    private final ResourceId source;
    private final MultiOutputReceiver out;
    /** Where the records go: this file's part of the annotations, open while the file is read. */
    private @Nullable OutputStream part;
    private long records;
    private long position;

    Rows(HfFile file, ResourceId source, MultiOutputReceiver out) {
      this.file = file;
      this.source = source;
      this.out = out;
    }

    @Override
    public void row(ObjectNode values) {
      Counters.read().inc();
      long index = file.firstRow + position;
      try {
        ObjectNode record = convert(values, index);
        part.write((records == 0 ? "    " : ",\n    ").getBytes(StandardCharsets.UTF_8));
        part.write(PythonJson.dumps(record, 4, false, 1).getBytes(StandardCharsets.UTF_8));
        records++;
        Counters.written().inc();
      } catch (ImageFailure e) {
        fail(e.reason, e.getMessage(), describe(values));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      position++;
    }

    @Override
    public void badRow(Reason reason, String message, String text) {
      Counters.read().inc();
      fail(reason, message, text);
      position++;
    }

    private void fail(Reason reason, String message, String text) {
      out.get(failuresTag)
          .output(
              FailedRecord.of(source.toString(), position, null, STAGE, reason, message, text));
    }

    /**
     * The row as a record; the row is left as it was when the image fails, so the failure can quote
     * it.
     */
    private ObjectNode convert(ObjectNode row, long index) throws ImageFailure, IOException {
      JsonNode image = row.get("image");
      if (image == null) {
        return row;
      }
      byte[] bytes = image.isNull() ? null : imageBytes(image);
      if (bytes == null) {
        row.remove("image");
        if (!image.isNull()) {
          // A path string, or a struct with neither bytes nor path: kept, and moved last as a
          // written one is.
          row.set("image", image);
        }
        return row;
      }
      Encoded encoded = encode(bytes);
      String name = HfPaths.imageName(file.config, index, encoded.extension);
      AtomicFiles.write(HfPaths.file(outputDirectory, name), o -> o.write(encoded.content));
      Counters.named(IMAGES_WRITTEN).inc();
      row.remove("image");
      row.put("image", name);
      return row;
    }

    private Encoded encode(byte[] bytes) throws ImageFailure {
      if (keepImageBytes) {
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == ImageFormat.UNKNOWN) {
          throw new ImageFailure(Reason.MEDIA_CORRUPT, "image bytes are of no known image format");
        }
        return new Encoded(format.extension(), bytes);
      }
      try {
        return new Encoded("png", Images.toPng(bytes));
      } catch (MediaException e) {
        throw new ImageFailure(Reason.MEDIA_CORRUPT, "cannot decode the image: " + e.getMessage());
      }
    }

    /**
     * The {@code bytes} of an HF Image struct (or a plain binary value), else the file at its
     * {@code path}; null if neither.
     */
    private byte @Nullable [] imageBytes(JsonNode image) throws ImageFailure, IOException {
      if (image.isBinary()) {
        return image.binaryValue();
      }
      if (!image.isObject()) {
        return null;
      }
      JsonNode bytes = image.get("bytes");
      if (bytes != null && bytes.isBinary()) {
        return bytes.binaryValue();
      }
      JsonNode path = image.get("path");
      if (path == null || !path.isTextual() || path.asText().isEmpty()) {
        return null;
      }
      ResourceId at =
          MediaPaths.isAbsolute(path.asText())
              ? FileSystems.matchNewResource(path.asText(), false)
              : source
                  .getCurrentDirectory()
                  .resolve(path.asText(), StandardResolveOptions.RESOLVE_FILE);
      try (InputStream in = Channels.newInputStream(FileSystems.open(at))) {
        return in.readAllBytes();
      } catch (FileNotFoundException e) {
        throw new ImageFailure(
            Reason.MEDIA_MISSING, "the image has no bytes and its path " + at + " does not exist");
      }
    }
  }

  /** The row as text for an error report, binary values shown by their size. */
  private static String describe(ObjectNode row) {
    ObjectNode copy = row.deepCopy();
    replaceBinary(copy);
    return TableJson.toText(copy);
  }

  private static void replaceBinary(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isBinary()) {
          e.setValue(
              TextNode.valueOf("<" + ((BinaryNode) e.getValue()).binaryValue().length + " bytes>"));
        } else {
          replaceBinary(e.getValue());
        }
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isBinary()) {
          array.set(
              i,
              TextNode.valueOf("<" + ((BinaryNode) array.get(i)).binaryValue().length + " bytes>"));
        } else {
          replaceBinary(array.get(i));
        }
      }
    }
  }

  private static final class Encoded {
    final String extension;
    final byte[] content;

    Encoded(String extension, byte[] content) {
      this.extension = extension;
      this.content = content;
    }
  }

  /** A row whose image cannot be written. */
  private static final class ImageFailure extends Exception {
    final Reason reason;

    ImageFailure(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }
  }
}
