package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;

/**
 * {@code --jarOnCluster} jobs check the cluster's build after every source: run here on the
 * DirectRunner, where "the cluster" is this class path. A job of the same build gives its elements
 * through unchanged; one whose client build differs fails with the comparison's message, marked so
 * that Flink does not restart it.
 */
class ClusterBuildCheckTest {
  @Test
  void everySourceIsFollowedByTheCheckAndTheElementsPassUnchanged() {
    Pipeline p = pipeline(BuildId.current());
    PCollection<Integer> many = p.apply("Many", Create.of(List.of(3, 1, 2)).withCoder(VarIntCoder.of())); // a Read
    PCollection<String> one = p.apply("One", Create.of("x").withCoder(StringUtf8Coder.of())); // an Impulse
    PAssert.that(many).containsInAnyOrder(1, 2, 3);
    PAssert.that(one).containsInAnyOrder("x");

    List<String> sources = sourcesWithoutACheck(p);
    ClusterBuildCheck.addTo(p);

    assertTrue(sources.stream().anyMatch(s -> s.startsWith("Many")) && sources.stream().anyMatch(s -> s.startsWith("One")), sources::toString);
    assertEquals(List.of(), sourcesWithoutACheck(p));
    p.run().waitUntilFinish();
  }

  @Test
  void aJobOfAnotherBuildFailsWithoutRestartsAndSaysWhy() {
    Pipeline p = pipeline("0.0.0+another");
    p.apply(Create.of("x"));
    ClusterBuildCheck.addTo(p);

    RuntimeException e = assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      chain.add(t);
    }
    assertTrue(chain.stream().anyMatch(SuppressRestartsException.class::isInstance), chain::toString);
    String message = chain.get(chain.size() - 1).getMessage();
    assertTrue(message.contains("client 0.0.0+another") && message.contains("cluster " + BuildId.current()), message);
  }

  private static Pipeline pipeline(String clientBuild) {
    ClusterJarOptions options = PipelineOptionsFactory.create().as(ClusterJarOptions.class);
    options.setRunner(DirectRunner.class);
    options.setClientBuild(clientBuild);
    return Pipeline.create(options);
  }

  /** The full names of the sources (a Read, or an Impulse of its own) whose output no check reads. */
  private static List<String> sourcesWithoutACheck(Pipeline p) {
    Map<PValue, String> sources = new LinkedHashMap<>();
    Set<PValue> checked = new HashSet<>();
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
        if (node.getTransform() instanceof Read.Bounded) {
          node.getOutputs().values().forEach(out -> sources.put(out, node.getFullName()));
          return CompositeBehavior.DO_NOT_ENTER_TRANSFORM;
        }
        return CompositeBehavior.ENTER_TRANSFORM;
      }

      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        if (node.getTransform() instanceof Impulse) {
          node.getOutputs().values().forEach(out -> sources.put(out, node.getFullName()));
        }
        if (node.getTransform() instanceof ParDo.MultiOutput<?, ?> parDo && parDo.getFn() instanceof BuildCheckFn) {
          checked.addAll(node.getInputs().values());
        }
      }
    });
    return sources.entrySet().stream().filter(e -> !checked.contains(e.getKey())).map(Map.Entry::getValue).toList();
  }
}
