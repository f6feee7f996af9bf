package io.omniprep.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.sample.ByteRange;
import io.omniprep.stats.MediaFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecideDropsFnTest {
  @TempDir Path dir;

  private static ExactOccurrence at(String source, long position, long ordinal, ByteRange... media) {
    return new ExactOccurrence(new Occurrence(source, position, ordinal, source + "-" + position), List.of(media));
  }

  private ByteRange file(String name, byte[] bytes) throws IOException {
    Path path = Files.write(dir.resolve(name), bytes);
    return ByteRange.wholeFile(path.toString(), bytes.length);
  }

  private static List<KV<Long, Drop>> decide(List<ExactOccurrence> group) {
    return DecideDropsFn.decide(group, MediaFacts::sha256);
  }

  @Test
  void theFirstBySourceThenPositionIsKeptWhateverTheOrderMet() throws IOException {
    ByteRange one = file("one.jpg", new byte[] {1, 2, 3});
    ByteRange copy = file("copy.jpg", new byte[] {1, 2, 3});
    ExactOccurrence a5 = at("/in/a.json", 5, 1, one);
    ExactOccurrence a12 = at("/in/a.json", 12, 4, copy);
    ExactOccurrence b0 = at("/in/b.json", 0, 7, one);
    List<KV<Long, Drop>> expected = List.of(
        KV.of(4L, new Drop("/in/a.json-12", "/in/a.json-5", "/in/a.json", 5)), KV.of(7L, new Drop("/in/b.json-0", "/in/a.json-5", "/in/a.json", 5)));
    assertEquals(expected, decide(List.of(b0, a12, a5)));
    assertEquals(expected, decide(List.of(a12, a5, b0)));
  }

  @Test
  void aProbeMetOnceDropsNothingAndIsNotHashed() {
    DecideDropsFn.MediaHash refuse = media -> {
      throw new AssertionError("a probe met once needs no hash");
    };
    assertEquals(List.of(), DecideDropsFn.decide(List.of(at("/in/a.json", 5, 1, new ByteRange("/nowhere", 0, 3))), refuse));
  }

  @Test
  void recordsNamingOneFileAreCopiesWithoutAHashAndAnotherFileIsHashedOnce() throws IOException {
    ByteRange one = file("one.jpg", new byte[] {1, 2, 3});
    ByteRange copy = file("copy.jpg", new byte[] {1, 2, 3});
    List<ExactOccurrence> sameFile = List.of(at("/in/a.json", 3, 0, one), at("/in/a.json", 1, 0, one), at("/in/b.json", 0, 2, one));
    DecideDropsFn.MediaHash refuse = media -> {
      throw new AssertionError("the same ranges are the same bytes: " + media);
    };
    assertEquals(List.of(KV.of(0L, new Drop("/in/a.json-3", "/in/a.json-1", "/in/a.json", 1)),
        KV.of(2L, new Drop("/in/b.json-0", "/in/a.json-1", "/in/a.json", 1))), DecideDropsFn.decide(sameFile, refuse));

    List<List<ByteRange>> hashed = new ArrayList<>();
    List<ExactOccurrence> withAnother = new ArrayList<>(sameFile);
    withAnother.add(at("/in/a.json", 0, 0, copy));
    List<KV<Long, Drop>> drops = DecideDropsFn.decide(withAnother, media -> {
      hashed.add(media);
      return MediaFacts.sha256(media);
    });
    assertEquals(2, hashed.size(), "each file once: " + hashed);
    assertEquals(Set.of(List.of(one), List.of(copy)), new HashSet<>(hashed));
    assertEquals(3, drops.size());
    drops.forEach(d -> assertEquals("/in/a.json-0", d.getValue().keptKey()));
  }

  @Test
  void aSharedProbeWithOtherBytesAfterItDropsNothing() throws IOException {
    byte[] first = new byte[SampleHash.PROBE_BYTES + 10];
    byte[] second = first.clone();
    second[second.length - 1] = 7; // the same length and first KiBs, another last byte
    assertEquals(List.of(), decide(List.of(at("/in/a.json", 0, 0, file("a.jpg", first)), at("/in/a.json", 1, 0, file("b.jpg", second)))));
  }

  @Test
  void theSameBytesSplitOverOtherMediaAreTheSameMedia() throws IOException {
    ByteRange whole = file("whole.bin", new byte[] {1, 2, 3, 4});
    ByteRange head = file("head.bin", new byte[] {1, 2});
    ByteRange tail = file("tail.bin", new byte[] {3, 4});
    assertEquals(List.of(KV.of(0L, new Drop("/in/a.json-1", "/in/a.json-0", "/in/a.json", 0))),
        decide(List.of(at("/in/a.json", 1, 0, head, tail), at("/in/a.json", 0, 0, whole))));
  }

  @Test
  void aSampleWhoseMediaCannotBeReadWholeIsNoCandidate() throws IOException {
    byte[] bytes = {9, 9, 9, 9};
    ByteRange cutShort = new ByteRange(file("short.jpg", new byte[] {9, 9}).resource(), 0, 4);
    // The earlier sample's file ends early: it keeps no copy, and the later two are decided alone.
    List<ExactOccurrence> group = List.of(at("/in/a.json", 0, 0, cutShort), at("/in/a.json", 1, 0, file("x.jpg", bytes)),
        at("/in/a.json", 2, 0, file("y.jpg", bytes)));
    assertEquals(List.of(KV.of(0L, new Drop("/in/a.json-2", "/in/a.json-1", "/in/a.json", 1))), decide(group));
  }
}
