package io.omniprep.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.reflect.DoFnInvokers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beam's one-time costs of building and starting a job, paid on a second thread while the CLI's
 * own thread is busy with something else. A small job's start-up is one thread's work (Beam
 * validating its options interfaces, building and translating the pipeline), which leaves a core
 * idle; what it will need next starts there instead:
 *
 * <ul>
 *   <li>before the options are validated: the pipeline model's protobuf descriptors (every
 *       transform's translation reads them), the coder registry (Beam's and the jar's coder
 *       providers) and Snappy's native library (which compresses every serialized step, and first
 *       copies itself out of the jar and compares itself byte for byte);
 *   <li>once the pipeline is built, for a job on the DirectRunner: the DoFn invoker classes that
 *       Beam generates with ByteBuddy for every DoFn when its first bundle runs, which otherwise
 *       hold up the job's first bundles while the CLI's thread translates the pipeline.
 * </ul>
 *
 * Beam caches each of them a JVM (an invoker per DoFn class), so the job finds them ready, or waits
 * for the one being made, never making it twice. A failure here is left for the job to meet.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private WarmUp() {}

  /** What building any pipeline needs: started before the options are parsed. */
  static void construction() {
    start("omniprep-warm-up", () -> {
      initialize("org.apache.beam.model.pipeline.v1.RunnerApi");
      initialize("org.apache.beam.sdk.coders.CoderRegistry");
      initialize("org.xerial.snappy.Snappy");
    });
  }

  /** The invokers of every DoFn of {@code pipeline}, built and not yet run. */
  static void invokers(Pipeline pipeline) {
    List<DoFn<?, ?>> fns = doFns(pipeline);
    start("omniprep-warm-up-invokers", () -> fns.forEach(DoFnInvokers::invokerFor));
  }

  /** The DoFns of {@code pipeline}'s ParDos, in the order they are applied. */
  static List<DoFn<?, ?>> doFns(Pipeline pipeline) {
    List<DoFn<?, ?>> fns = new ArrayList<>();
    pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
        addFn(node, fns);
        return CompositeBehavior.ENTER_TRANSFORM;
      }

      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        addFn(node, fns);
      }
    });
    return fns;
  }

  private static void addFn(TransformHierarchy.Node node, List<DoFn<?, ?>> fns) {
    if (node.getTransform() instanceof ParDo.SingleOutput<?, ?> single) {
      fns.add(single.getFn());
    } else if (node.getTransform() instanceof ParDo.MultiOutput<?, ?> multi) {
      fns.add(multi.getFn());
    }
  }

  private static void initialize(String className) {
    try {
      Class.forName(className, true, WarmUp.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void start(String name, Runnable work) {
    Thread thread = new Thread(() -> {
      try {
        work.run();
      } catch (RuntimeException | LinkageError e) {
        LOG.debug("warm-up {} stopped; the job does the rest itself", name, e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }
}
