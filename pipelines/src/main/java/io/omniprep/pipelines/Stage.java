package io.omniprep.pipelines;

import io.omniprep.options.OutputOptions;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * One preparation stage as the CLI sees it: a name, a one-line summary, its options interface and
 * how to build its pipeline from those options.
 */
public final class Stage<O extends OutputOptions> {
  private final String name;
  private final String summary;
  private final Class<O> optionsClass;
  private final Function<O, Pipeline> factory;

  Stage(String name, String summary, Class<O> optionsClass, Function<O, Pipeline> factory) {
    this.name = name;
    this.summary = summary;
    this.optionsClass = optionsClass;
    this.factory = factory;
  }

  public String name() {
    return name;
  }

  public String summary() {
    return summary;
  }

  public Class<O> optionsClass() {
    return optionsClass;
  }

  /** Builds the pipeline (not yet run) from options of any view; they are viewed as this stage's. */
  public Pipeline create(PipelineOptions options) {
    return factory.apply(options.as(optionsClass));
  }

  /** The output folder the stage writes its results, errors and summary to. */
  public String output(PipelineOptions options) {
    return options.as(optionsClass).getOutput();
  }
}
