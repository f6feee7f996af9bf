package io.omniprep.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class StagesTest {

  @Test
  void everyStagesOptionsCanLiveInOneJvm() {
    // Beam refuses a property declared with different defaults in two registered interfaces; an
    // embedding program (or a test JVM) registers several stages at once.
    for (Stage<?> stage : Stages.all()) {
      PipelineOptionsFactory.register(stage.optionsClass());
    }
    for (Stage<?> stage : Stages.all()) {
      PipelineOptions options = PipelineOptionsFactory.create().as(stage.optionsClass());
      assertTrue(stage.optionsClass().isInstance(options), stage.name());
    }
  }

  @Test
  void namesAreUniqueAndEveryStageIsDescribed() {
    Set<String> names = new HashSet<>();
    for (Stage<?> stage : Stages.all()) {
      assertTrue(names.add(stage.name()), "duplicate stage " + stage.name());
      assertTrue(stage.summary().length() > 20, stage.name());
    }
    assertEquals(7, names.size());
  }
}
