package io.omniprep.wds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.io.AtomicFiles;
import io.omniprep.io.NumberedParts;
import io.omniprep.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * What one unit of writing produced (a chunk's shards, or one planned shard): the fingerprint of
 * what made it (input bytes, resolved media, options), the shards, and the samples that failed while
 * being written (corrupt media). Kept in {@code OUTPUT/.omniprep/NAME.json}, written after the
 * shards. A rerun takes a unit's result from here instead of writing it again only when the
 * fingerprint matches and every shard is on disk (its tar, its {@code .tar.idx} and its index rows
 * for {@code index.sqlite}); anything else is written anew, so a rerun never
 * serves output made from other input or other options.
 *
 * <p>{@code earlier} names the shards an earlier write of the same unit made (or was about to make
 * when it stopped) that this one did not: once every unit of a run is done, {@link
 * RemoveStaleOutputsFn} deletes those the run has not written, so no shard of another input or other
 * options is left beside the ones the metadata lists.
 */
record WriteJournal(String fingerprint, List<ShardInfo> shards, List<FailedRecord> failures, List<String> earlier) {
  static final String DIRECTORY = ".omniprep/";
  /** Chunk {@code N}'s journal: {@code .omniprep/chunks/chunk-NNNNNN.json}. */
  static final NumberedParts CHUNKS = new NumberedParts(DIRECTORY + "chunks", "chunk-", ".json");
  private static final ObjectMapper JSON = Json.MAPPER;

  WriteJournal(String fingerprint, List<ShardInfo> shards, List<FailedRecord> failures) {
    this(fingerprint, shards, failures, List.of());
  }

  /**
   * Written before a unit is written anew: no shard yet and a fingerprint that matches nothing, with
   * every shard name the unit's earlier write and this one may leave, so a write that stops half-way
   * leaves no shard the next run cannot find.
   */
  static WriteJournal pending(Collection<String> mayLeave) {
    return new WriteJournal("", List.of(), List.of(), List.copyOf(new TreeSet<>(mayLeave)));
  }

  /** This journal's shards and the earlier ones it names. */
  Set<String> shardsNamed() {
    Set<String> named = new TreeSet<>(earlier);
    shards.forEach(shard -> named.add(shard.path()));
    return named;
  }

  static ResourceId location(ResourceId outputDir, String name) {
    return AtomicFiles.resolve(outputDir, DIRECTORY + name + ".json");
  }

  void write(ResourceId file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("fingerprint", fingerprint);
    ArrayNode shardList = root.putArray("shards");
    for (ShardInfo shard : shards) {
      ObjectNode o = shardList.addObject();
      o.put("number", shard.number());
      o.put("shard", shard.path());
      o.put("split", shard.split());
      o.put("samples", shard.samples());
      o.put("payloadBytes", shard.payloadBytes());
    }
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
    ArrayNode earlierList = root.putArray("earlier");
    earlier.forEach(earlierList::add);
    byte[] bytes = JSON.writeValueAsBytes(root);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /** The journal at {@code file} if it has {@code fingerprint} and each of its shards is complete on disk. */
  static Optional<WriteJournal> readIfComplete(ResourceId file, String fingerprint, ShardWriter writer) throws IOException {
    if (!AtomicFiles.exists(file)) {
      return Optional.empty();
    }
    WriteJournal read = read(file);
    if (!read.fingerprint().equals(fingerprint)) {
      return Optional.empty();
    }
    for (ShardInfo shard : read.shards()) {
      if (shard.samples() > 0 && !writer.isComplete(shard.path())) {
        return Optional.empty();
      }
    }
    return Optional.of(read);
  }

  /** The journal at {@code file}, whatever its fingerprint; empty when there is none or it does not parse. */
  static Optional<WriteJournal> readAny(ResourceId file) throws IOException {
    if (!AtomicFiles.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(file));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a journal from before this format, or damaged: its shards are unknown
    }
  }

  private static WriteJournal read(ResourceId file) throws IOException {
    JsonNode root;
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      root = JSON.readTree(in);
    }
    if (root == null || !root.has("fingerprint")) {
      return new WriteJournal("", List.of(), List.of()); // an older journal: never matches
    }
    List<ShardInfo> shards = new ArrayList<>();
    for (JsonNode s : root.get("shards")) {
      shards.add(new ShardInfo(s.get("number").asInt(), s.get("shard").asText(), s.get("split").asText(), s.get("samples").asLong(),
          s.get("payloadBytes").asLong()));
    }
    List<FailedRecord> failures = new ArrayList<>();
    for (JsonNode f : root.get("failures")) {
      failures.add(
          FailedRecord.of(
              f.get("source").asText(),
              f.get("position").asLong(),
              f.get("idJson").isNull() ? null : f.get("idJson").asText(),
              f.get("stage").asText(),
              Reason.valueOf(f.get("reason").asText()),
              f.get("message").asText(),
              f.get("record").asText()));
    }
    List<String> earlier = new ArrayList<>();
    if (root.has("earlier")) {
      root.get("earlier").forEach(name -> earlier.add(name.asText()));
    }
    return new WriteJournal(root.get("fingerprint").asText(), shards, failures, earlier);
  }
}
