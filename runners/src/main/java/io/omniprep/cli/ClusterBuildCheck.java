package io.omniprep.cli;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.runners.PTransformOverride;
import org.apache.beam.sdk.runners.PTransformOverrideFactory;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.construction.ReplacementOutputs;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * With {@code --jarOnCluster}: every source of the job (Beam's {@link Impulse} and {@link Read.Bounded},
 * which every {@code Create} and file match starts from) is followed by a {@link BuildCheckFn}, so
 * the cluster compares its build with the client's before any record reaches the job's steps, in
 * every task that runs one. The sources emit a few elements each (file patterns, an impulse), so the
 * step costs next to nothing; jobs without the flag do not get it. Beam's override API (how runners
 * rewrite a job) is marked internal: after a Beam upgrade, ClusterBuildCheckTest tells if it changed.
 */
final class ClusterBuildCheck {
  private ClusterBuildCheck() {}

  /** Adds the check after every source; fails if there was none (the job would be unchecked). */
  static void addTo(Pipeline pipeline) {
    CheckAfter factory = new CheckAfter();
    pipeline.replaceAll(List.of(PTransformOverride.of(
        applied -> applied.getTransform() instanceof Impulse || applied.getTransform() instanceof Read.Bounded, factory)));
    if (factory.sources == 0) {
      throw new IllegalStateException("the job has no source to check the cluster's build at");
    }
  }

  /** A source, then the check. */
  private static final class Checked<T> extends PTransform<PBegin, PCollection<T>> {
    private final PTransform<PBegin, PCollection<T>> source;

    Checked(PTransform<PBegin, PCollection<T>> source) {
      this.source = source;
    }

    @Override
    public PCollection<T> expand(PBegin input) {
      PCollection<T> read = input.apply("Source", source);
      return read.apply("Check the cluster's build", ParDo.of(new BuildCheckFn<T>())).setCoder(read.getCoder());
    }
  }

  private static final class CheckAfter
      implements PTransformOverrideFactory<PBegin, PCollection<Object>, PTransform<PBegin, PCollection<Object>>> {
    int sources;

    @Override
    public PTransformReplacement<PBegin, PCollection<Object>> getReplacementTransform(
        AppliedPTransform<PBegin, PCollection<Object>, PTransform<PBegin, PCollection<Object>>> transform) {
      sources++;
      return PTransformReplacement.of(transform.getPipeline().begin(), new Checked<>(transform.getTransform()));
    }

    @Override
    public Map<PCollection<?>, ReplacementOutput> mapOutputs(Map<TupleTag<?>, PCollection<?>> outputs, PCollection<Object> newOutput) {
      return ReplacementOutputs.singleton(outputs, newOutput);
    }
  }
}
