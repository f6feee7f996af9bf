package io.omniprep.patch;

import io.omniprep.io.AtomicFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Runs once every patch is written: deletes the temporary frame files, any {@code patch_*} in the
 * patches folder that this run did not write (left by an earlier run over other input), and the
 * temporary files of patch writers killed mid-write, so the folder holds exactly what the
 * references point to.
 */
final class CleanUpFn extends DoFn<List<String>, Void> {
  private final String patchesDirectory;
  private final String framesDirectory;

  CleanUpFn(String patchesDirectory, String framesDirectory) {
    this.patchesDirectory = patchesDirectory;
    this.framesDirectory = framesDirectory;
  }

  @ProcessElement
  public void process(@Element List<String> written) throws IOException {
    Set<String> keep = new HashSet<>(written);
    List<ResourceId> stale = new ArrayList<>();
    for (MatchResult.Metadata m : match(patchesDirectory + "/patch_*")) {
      if (!keep.contains(m.resourceId().getFilename())) {
        stale.add(m.resourceId());
      }
    }
    for (MatchResult.Metadata m : match(framesDirectory + "/*")) {
      stale.add(m.resourceId());
    }
    AtomicFiles.delete(stale);
    AtomicFiles.deleteLeftoverTemporaries(FileSystems.matchNewResource(patchesDirectory, true));
    AtomicFiles.deleteEmptyDirectory(FileSystems.matchNewResource(framesDirectory, true));
  }

  private static List<MatchResult.Metadata> match(String pattern) throws IOException {
    MatchResult r = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
    return r.status() == MatchResult.Status.OK ? r.metadata() : List.of();
  }
}
