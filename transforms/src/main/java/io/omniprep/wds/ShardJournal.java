package io.omniprep.wds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * What writing one shard produced: its {@link ShardInfo} and the samples that failed while being
 * written (corrupt media), kept in {@code OUTPUT/.omniprep/shards/SHARD.json}. A rerun that finds a
 * shard complete (tar, journal and {@code .tar.idx}, which is written last) takes its result from
 * here instead of writing it again, so a resumed run reports the same output and the same errors
 * as a clean one.
 */
record ShardJournal(ShardInfo shard, List<FailedRecord> failures) {
  static final String DIRECTORY = ".omniprep/shards/";
  private static final ObjectMapper JSON = new ObjectMapper();

  static ResourceId location(ResourceId outputDir, String shardPath) {
    return AtomicFiles.resolve(outputDir, DIRECTORY + shardPath + ".json");
  }

  void write(ResourceId file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("number", shard.number());
    root.put("shard", shard.path());
    root.put("split", shard.split());
    root.put("samples", shard.samples());
    root.put("payloadBytes", shard.payloadBytes());
    ArrayNode list = root.putArray("failures");
    for (FailedRecord f : failures) {
      ObjectNode o = list.addObject();
      o.put("source", f.source());
      o.put("position", f.position());
      o.put("idJson", f.idJson());
      o.put("stage", f.stage());
      o.put("reason", f.reason().name());
      o.put("message", f.message());
      o.put("record", f.record());
    }
    byte[] bytes = JSON.writeValueAsBytes(root);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /** The journal of a shard that is complete on disk, if it is. */
  static Optional<ShardJournal> readIfComplete(ResourceId journal, ResourceId tar, ResourceId index) throws IOException {
    if (!AtomicFiles.exists(journal)) {
      return Optional.empty();
    }
    ShardJournal read = read(journal);
    boolean complete = read.shard().samples() == 0 || (AtomicFiles.exists(tar) && AtomicFiles.exists(index));
    return complete ? Optional.of(read) : Optional.empty();
  }

  private static ShardJournal read(ResourceId file) throws IOException {
    JsonNode root;
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      root = JSON.readTree(in);
    }
    ShardInfo info =
        new ShardInfo(
            root.get("number").asInt(),
            root.get("shard").asText(),
            root.get("split").asText(),
            root.get("samples").asLong(),
            root.get("payloadBytes").asLong());
    List<FailedRecord> failures = new ArrayList<>();
    for (JsonNode f : root.get("failures")) {
      failures.add(
          new FailedRecord(
              f.get("source").asText(),
              f.get("position").asLong(),
              f.get("idJson").isNull() ? null : f.get("idJson").asText(),
              f.get("stage").asText(),
              Reason.valueOf(f.get("reason").asText()),
              f.get("message").asText(),
              f.get("record").asText()));
    }
    return new ShardJournal(info, failures);
  }
}
