package io.omniprep.mixture;

import java.util.List;
import java.util.stream.Collectors;

/** A mixture YAML that cannot run, with every problem found and where it is. */
public final class MixtureConfigException extends Exception {
  private final List<ConfigProblem> problems;

  public MixtureConfigException(List<ConfigProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    String lines =
        problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  "));
    return (problems.size() == 1
            ? "mixture config error:\n  "
            : problems.size() + " mixture config errors:\n  ")
        + lines;
  }
}
