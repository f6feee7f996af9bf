package io.omniprep.io;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A kind of file that each unit of work of a chunk-local stage writes for itself, named by the
 * unit's number: {@code OUTPUT/FOLDER/PREFIXNNNNNN SUFFIX} (the errors part, the dropped part, the
 * lengths part, the sample table's part). A rerun whose input is planned into other units (another
 * {@code --maxSamplesPerShard}, another input) leaves the parts of numbers it no longer has, which
 * would be read as this run's: {@link #deleteExcept} removes them once every unit is done.
 */
public record NumberedParts(String folder, String prefix, String suffix) implements Serializable {
  /** Unit {@code number}'s part under {@code outputDirectory}. */
  public ResourceId location(ResourceId outputDirectory, long number) {
    return AtomicFiles.resolve(outputDirectory, folder + "/" + prefix + String.format(Locale.ROOT, "%06d", number) + suffix);
  }

  /** The parts under {@code outputDirectory}, by number. */
  public SortedMap<Long, ResourceId> list(ResourceId outputDirectory) throws IOException {
    ResourceId pattern = AtomicFiles.resolve(outputDirectory, folder + "/" + prefix + "*" + suffix);
    MatchResult match = FileSystems.match(List.of(pattern.toString()), EmptyMatchTreatment.ALLOW).get(0);
    SortedMap<Long, ResourceId> parts = new TreeMap<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        Long number = numberOf(m.resourceId().getFilename());
        if (number != null) {
          parts.put(number, m.resourceId());
        }
      }
    }
    return parts;
  }

  /** Deletes the parts under {@code outputDirectory} whose number is not in {@code kept}; returns how many. */
  public int deleteExcept(ResourceId outputDirectory, Set<Long> kept) throws IOException {
    List<ResourceId> others = new ArrayList<>();
    list(outputDirectory).forEach((number, part) -> {
      if (!kept.contains(number)) {
        others.add(part);
      }
    });
    AtomicFiles.delete(others);
    return others.size();
  }

  /** The number in a part's file name, or null for a name this kind never writes (left alone). */
  public @Nullable Long numberOf(@Nullable String fileName) {
    if (fileName == null || !fileName.startsWith(prefix) || !fileName.endsWith(suffix)) {
      return null;
    }
    String digits = fileName.substring(prefix.length(), fileName.length() - suffix.length());
    return digits.length() >= 6 && digits.chars().allMatch(c -> c >= '0' && c <= '9') && digits.length() < 19
        ? Long.parseLong(digits)
        : null;
  }
}
