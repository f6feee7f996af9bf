package io.omniprep.cli;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.beam.runners.dataflow.DataflowPipelineRegistrar;
import org.apache.beam.runners.direct.DirectRegistrar;
import org.apache.beam.runners.flink.FlinkRunnerRegistrar;
import org.apache.beam.sdk.extensions.gcp.options.GcpPipelineOptionsRegistrar;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Options interfaces the CLI registers only when a command line needs them. Beam validates every
 * registered interface against all the others when it registers one, and serializes every
 * registered option into every step of a job: the runners' and GCP's interfaces cost each run about
 * a second of start-up and translation when registered for nothing. So the bundled jar registers
 * only Beam's defaults and AWS's (its {@code META-INF/services} list), and a command line brings in
 * its runner's options, and GCP's when it names a {@code gs://} path, runs on Dataflow, or names one
 * of GCP's options.
 */
enum OnDemandOptions {
  FLINK(new FlinkRunnerRegistrar.Options(), line -> line.runnerNamed("flink")),
  DIRECT(new DirectRegistrar.Options(), line -> line.runnerNamed("direct")),
  CLUSTER_JAR(() -> List.of(ClusterJarOptions.class), line -> false), // only when named: --jarOnCluster
  DATAFLOW(new DataflowPipelineRegistrar.Options(), line -> line.runnerNamed("dataflow")),
  GCP(new GcpPipelineOptionsRegistrar(), line -> line.runnerNamed("dataflow") || line.mentions("gs://"));

  private final PipelineOptionsRegistrar registrar;
  private final Predicate<CommandLine> neededBy;

  OnDemandOptions(PipelineOptionsRegistrar registrar, Predicate<CommandLine> neededBy) {
    this.registrar = registrar;
    this.neededBy = neededBy;
  }

  /** Registers every group of options the arguments need (they already carry the runner default). */
  static void registerFor(List<String> args, String runner) {
    neededBy(args, runner).forEach(group -> group.registrar.getPipelineOptions().forEach(PipelineOptionsFactory::register));
  }

  static EnumSet<OnDemandOptions> neededBy(List<String> args, String runner) {
    CommandLine line = new CommandLine(args, runner == null ? "" : runner.toLowerCase(Locale.ROOT));
    EnumSet<OnDemandOptions> needed = EnumSet.noneOf(OnDemandOptions.class);
    for (OnDemandOptions group : values()) {
      if (group.neededBy.test(line) || line.namesAnyOf(group.optionNames())) {
        needed.add(group);
      }
    }
    return needed;
  }

  /** The options interfaces of this group. */
  Iterable<Class<? extends PipelineOptions>> interfaces() {
    return registrar.getPipelineOptions();
  }

  /** The option names this group declares (beyond {@link PipelineOptions}'s own): plain reflection, no validation. */
  Set<String> optionNames() {
    Set<String> names = new HashSet<>();
    for (Class<? extends PipelineOptions> iface : registrar.getPipelineOptions()) {
      for (Method m : iface.getDeclaredMethods()) {
        String name = CliOptions.optionName(m);
        if (name != null) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private record CommandLine(List<String> args, String runner) {
    boolean runnerNamed(String word) {
      return runner.contains(word);
    }

    boolean mentions(String text) {
      return args.stream().anyMatch(a -> a.contains(text));
    }

    boolean namesAnyOf(Set<String> options) {
      return args.stream().map(CliOptions::optionName).anyMatch(options::contains);
    }
  }
}
