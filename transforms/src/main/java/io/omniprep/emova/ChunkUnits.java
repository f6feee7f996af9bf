package io.omniprep.emova;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniprep.errors.FailedRecord;
import io.omniprep.metrics.Counters;
import io.omniprep.metrics.DatasetCounters;
import io.omniprep.table.TableJson;
import io.omniprep.table.TableRow;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The speech units of the rows of one table file ({@link SpeechUnitsByFile}), carried in the
 * file's chunk descriptor: the distinct units of each id a row of the file has, and, for the
 * dataset's first file only, the sidecar's own bad records. Only the ids of this file are held, so
 * its size follows the file's, never the sidecar's. {@link #attach} joins a row as {@link
 * AttachSpeechUnits} does: a row without an id, or whose id has no units or several different
 * ones, is a failure ({@code BAD_ROW}).
 */
public final class ChunkUnits implements Serializable {
  private static final ChunkUnits EMPTY = new ChunkUnits(Map.of(), List.of());

  private final TreeMap<String, TreeSet<String>> units;
  private final List<FailedRecord> sidecarFailures;

  private ChunkUnits(Map<String, ? extends SortedSet<String>> units, List<FailedRecord> sidecarFailures) {
    this.units = new TreeMap<>();
    units.forEach((id, distinct) -> this.units.put(id, new TreeSet<>(distinct)));
    List<FailedRecord> failures = new ArrayList<>(sidecarFailures);
    failures.sort(Comparator.comparingLong(FailedRecord::position).thenComparing(FailedRecord::record));
    this.sidecarFailures = List.copyOf(failures);
  }

  /** The distinct units (JSON text) of {@code id}. */
  static ChunkUnits of(String id, SortedSet<String> distinct) {
    return new ChunkUnits(Map.of(id, distinct), List.of());
  }

  /** A bad record of the sidecar, to be reported with the dataset's first file. */
  public static ChunkUnits ofFailure(FailedRecord failure) {
    return new ChunkUnits(Map.of(), List.of(failure));
  }

  /** All of a file's parts in one; none: no row of the file has units. */
  public static ChunkUnits merge(Iterable<ChunkUnits> parts) {
    TreeMap<String, TreeSet<String>> units = new TreeMap<>();
    List<FailedRecord> failures = new ArrayList<>();
    for (ChunkUnits part : parts) {
      part.units.forEach((id, distinct) -> units.computeIfAbsent(id, k -> new TreeSet<>()).addAll(distinct));
      failures.addAll(part.sidecarFailures);
    }
    return units.isEmpty() && failures.isEmpty() ? EMPTY : new ChunkUnits(units, failures);
  }

  /** The sidecar's bad records this file reports (by position). */
  public List<FailedRecord> sidecarFailures() {
    return sidecarFailures;
  }

  /** {@code row} with its units in column {@value AttachSpeechUnits#DEFAULT_COLUMN}, or null with the reason handed to {@code failures}. */
  public @Nullable TableRow attach(TableRow row, Consumer<FailedRecord> failures) {
    String id = AttachSpeechUnits.key(row.values());
    if (id == null) {
      failures.accept(AttachSpeechUnits.failure(row, "no 'id' to look its speech units up by"));
      return null;
    }
    SortedSet<String> distinct = units.getOrDefault(id, new TreeSet<>());
    String problem = problem(id, distinct);
    if (problem != null) {
      failures.accept(AttachSpeechUnits.failure(row, problem));
      return null;
    }
    return withUnits(row, distinct.first());
  }

  /** Why an id with these distinct units cannot be joined; null when it can. */
  static @Nullable String problem(String id, SortedSet<String> distinct) {
    return distinct.isEmpty()
        ? "no speech units for id " + id
        : distinct.size() > 1 ? distinct.size() + " different speech units for id " + id : null;
  }

  /**
   * Counts {@code n} good sidecar records of one id as dropped: they were counted as read, and
   * their units go into the records of that id (joined) or of none (unused), never out as records
   * of their own; so every sidecar record ends in exactly one place (a bad one in the errors).
   */
  static void countSidecarRows(@Nullable String dataset, long n, boolean joined) {
    Counters.dropped().inc(n);
    if (dataset != null) {
      DatasetCounters.of(dataset, joined ? DatasetCounters.UNITS_JOINED : DatasetCounters.UNITS_UNUSED).inc(n);
    }
  }

  /** {@code row} with {@code units} (JSON text) in its units column. */
  static TableRow withUnits(TableRow row, String units) {
    JsonNode parsed;
    try {
      parsed = TableJson.MAPPER.readTree(units);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // the text was written from a parsed node
    }
    ObjectNode values = row.values().deepCopy();
    values.set(AttachSpeechUnits.DEFAULT_COLUMN, parsed);
    return new TableRow(row.source(), row.position(), row.index(), row.filteredIndex(), row.copies(), values);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChunkUnits && units.equals(((ChunkUnits) o).units) && sidecarFailures.equals(((ChunkUnits) o).sidecarFailures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(units, sidecarFailures);
  }

  @Override
  public String toString() {
    return units.size() + " ids, " + sidecarFailures.size() + " sidecar failures";
  }
}
