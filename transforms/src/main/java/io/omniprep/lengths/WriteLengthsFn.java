package io.omniprep.lengths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniprep.io.AtomicFiles;
import io.omniprep.json.Json;
import io.omniprep.report.TokenLengthReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Once every chunk is written (it runs on the gathered shard list, so after them, and passes it on): joins the
 * chunks' {@link LengthParts} in name order into {@code OUTPUT/lengths.jsonl}, then deletes them;
 * writes {@code OUTPUT/lengths-report.json} ({@link TokenLengthReport}) and, with a pack size,
 * {@code OUTPUT/packs.jsonl} ({@link PackPlan}). Only each sample's key, split and total are held.
 */
public final class WriteLengthsFn<T> extends DoFn<T, T> {
  public static final String LENGTHS = "lengths.jsonl";
  public static final String REPORT = "lengths-report.json";
  public static final String PACKS = "packs.jsonl";
  /** Every file this step writes in the output folder. */
  public static final List<String> FILES = List.of(LENGTHS, REPORT, PACKS);
  private static final ObjectMapper JSON = Json.MAPPER;

  private final String outputDirectory;
  private final long packTo;

  public WriteLengthsFn(String outputDirectory, long packTo) {
    this.outputDirectory = outputDirectory;
    this.packTo = packTo;
  }

  @ProcessElement
  public void process(@Element T done, OutputReceiver<T> out) throws IOException {
    ResourceId dir = AtomicFiles.directory(outputDirectory);
    ResourceId partsDir = AtomicFiles.resolve(dir, LengthParts.PARTS.folder() + "/x").getCurrentDirectory();
    List<ResourceId> parts = new ArrayList<>();
    MatchResult match = FileSystems.match(partsDir.resolve(LengthParts.PARTS.prefix() + "*" + LengthParts.PARTS.suffix(),
        org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE).toString());
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        parts.add(m.resourceId());
      }
    }
    parts.sort((a, b) -> a.toString().compareTo(b.toString()));
    TokenLengthReport.Builder report = new TokenLengthReport.Builder();
    PackPlan.Builder packs = new PackPlan.Builder(packTo);
    AtomicFiles.write(AtomicFiles.resolve(dir, LENGTHS), file -> {
      for (ResourceId part : parts) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(FileSystems.open(part)),
            StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            file.write(line.getBytes(StandardCharsets.UTF_8));
            file.write('\n');
            JsonNode row = JSON.readTree(line);
            report.add(row.get("text").asLong(), row.get("image").asLong(), row.get("video").asLong());
            if (packTo > 0) {
              packs.add(row.get("split").isNull() ? null : row.get("split").asText(), row.get("key").asText(), row.get("total").asLong());
            }
          }
        }
      }
    });
    AtomicFiles.delete(parts);
    AtomicFiles.deleteEmptyDirectory(partsDir);
    PackPlan plan = packTo > 0 ? packs.build() : null;
    AtomicFiles.write(AtomicFiles.resolve(dir, REPORT), file -> file.write(report.toJson(plan == null ? null : plan.summary()).getBytes(StandardCharsets.UTF_8)));
    if (plan != null) {
      AtomicFiles.write(AtomicFiles.resolve(dir, PACKS), plan::writeJsonLines);
    } else {
      AtomicFiles.delete(List.of(AtomicFiles.resolve(dir, PACKS)));
    }
    out.output(done);
  }
}
