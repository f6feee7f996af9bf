package io.omniprep.cli;

import io.omniprep.options.PathOption;
import io.omniprep.pipelines.Stage;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Command-line arguments to options: the embedded-Flink default runner, local paths made absolute,
 * then Beam's own parsing and validation (which names unknown and missing options).
 */
final class CliOptions {
  static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

  static {
    // The S3 filesystem's flags (--endpoint, --awsRegion, ...) are rejected unless registered.
    PipelineOptionsFactory.register(S3Options.class);
  }

  private CliOptions() {}

  /**
   * Options from arguments already joined and checked by {@link Arguments}; {@code notes} hears of
   * defaults chosen by asking elsewhere (a Flink cluster's parallelism).
   */
  static PipelineOptions parse(Stage<?> stage, List<String> args, Consumer<String> notes) {
    List<String> list = withAwsRegionDefault(withClusterParallelism(
        withRunnerDefaults(absolutizePaths(stage.optionsClass(), args.toArray(new String[0]))), notes));
    EarlyLoads.start(stage.optionsClass(), list);
    OnDemandOptions.registerFor(list, valueOf(list, "runner"));
    PipelineOptionsFactory.register(stage.optionsClass());
    return PipelineOptionsFactory.fromArgs(list.toArray(new String[0])).withValidation().as(stage.optionsClass());
  }

  /**
   * The CLI runs on embedded Flink unless told otherwise (it streams, where the DirectRunner holds
   * whole collections in memory), or a small input on the DirectRunner ({@link DefaultRunner}).
   * {@code --fasterCopy} avoids a deep copy of every element; embedded Flink would otherwise run
   * every step on one core. Embedded Flink is bound to 127.0.0.1 unless a Flink configuration is
   * given ({@code --flinkConfDir} or {@code FLINK_CONF_DIR}).
   */
  static List<String> withRunnerDefaults(List<String> args) {
    List<String> out = new ArrayList<>(args);
    String runner = valueOf(args, "runner");
    if (runner == null) {
      List<String> chosen = DefaultRunner.forInput(valueOf(args, "input"));
      chosen.stream().filter(arg -> !names(args, optionName(arg))).forEach(out::add);
      runner = valueOf(chosen, "runner");
    }
    if (isFlink(runner)) {
      String master = valueOf(args, "flinkMaster");
      if (master == null) {
        out.add("--flinkMaster=[local]");
        master = "[local]";
      }
      if (master.equals("[local]") && valueOf(args, "parallelism") == null) {
        out.add("--parallelism=" + Runtime.getRuntime().availableProcessors());
      }
      if (valueOf(args, "fasterCopy") == null) {
        out.add("--fasterCopy=true");
      }
      if (master.equals("[local]") && valueOf(args, "flinkConfDir") == null && System.getenv("FLINK_CONF_DIR") == null) {
        out.add("--flinkConfDir=" + EmbeddedFlinkConf.directory());
      }
      if (jarOnCluster(args)) {
        if (master.equals("[local]") || master.equals("[auto]")) {
          throw new UsageError("--jarOnCluster is for a Flink cluster: give its --flinkMaster=HOST:PORT");
        }
        if (valueOf(args, "filesToStage") == null) {
          out.add("--filesToStage=" + EmptyJar.path());
        }
        if (valueOf(args, "clientBuild") == null) { // given only by tests, to stand for another build
          out.add("--clientBuild=" + BuildId.current());
        }
      }
    } else if (jarOnCluster(args)) {
      throw new UsageError("--jarOnCluster is for a Flink cluster: --runner=FlinkRunner --flinkMaster=HOST:PORT");
    }
    return out;
  }

  /**
   * Whether a job with these arguments (the runner's defaults added) runs in this JVM: on the
   * DirectRunner or embedded Flink. The one place the CLI decides it, from the arguments or, once
   * parsed, from the options ({@link #runsInThisJvm(String, String)}).
   */
  static boolean runsInThisJvm(List<String> args) {
    return runsInThisJvm(valueOf(args, "runner"), valueOf(args, "flinkMaster"));
  }

  /** The same, given the runner as named ({@code flink}, {@code FlinkRunner}, any case) and Flink's master. */
  static boolean runsInThisJvm(@Nullable String runner, @Nullable String flinkMaster) {
    return runner != null && (runner.equalsIgnoreCase("DirectRunner") || runner.equalsIgnoreCase("direct")
        || (isFlink(runner) && "[local]".equals(flinkMaster)));
  }

  private static boolean isFlink(@Nullable String runner) {
    return runner != null && (runner.equalsIgnoreCase("FlinkRunner") || runner.equalsIgnoreCase("flink"));
  }

  /** {@code --jarOnCluster} ({@link ClusterJarOptions}): stage nothing, the cluster has the classes. */
  static boolean jarOnCluster(List<String> args) {
    String value = valueOf(args, "jarOnCluster");
    return value == null ? args.contains("--jarOnCluster") : Boolean.parseBoolean(value);
  }

  /**
   * On a Flink cluster, without {@code --parallelism}: the cluster's own default (see {@link
   * ClusterParallelism}), told to {@code notes}.
   */
  static List<String> withClusterParallelism(List<String> args, Consumer<String> notes) {
    String runner = valueOf(args, "runner");
    String master = valueOf(args, "flinkMaster");
    if (!isFlink(runner) || master == null || valueOf(args, "parallelism") != null) {
      return args;
    }
    return ClusterParallelism.of(master).map(choice -> {
      notes.accept("parallelism " + choice.parallelism() + " (" + choice.source() + " at " + master + "; --parallelism=N to choose)");
      List<String> out = new ArrayList<>(args);
      out.add("--parallelism=" + choice.parallelism());
      return out;
    }).orElse(args);
  }

  /**
   * Without {@code --awsRegion}, Beam's S3 filesystem asks the AWS region chain at startup, whose
   * last resort is the EC2 instance-metadata address: a network call on every run, S3 or not. When
   * no argument names {@code s3://}, the region is irrelevant, so a fixed one is set and the chain
   * never runs; jobs that use S3 get the chain (AWS_REGION, ~/.aws/config, ...) unless they pass
   * {@code --awsRegion}.
   */
  static List<String> withAwsRegionDefault(List<String> args) {
    boolean usesS3 = args.stream().anyMatch(a -> a.contains("s3://"));
    if (usesS3 || valueOf(args, "awsRegion") != null) {
      return args;
    }
    List<String> out = new ArrayList<>(args);
    out.add("--awsRegion=us-east-1");
    return out;
  }

  /**
   * Rewrites local paths of {@link PathOption} options, and of Beam's and the runners' path options
   * ({@link OptionCatalog#BEAM_PATH_OPTIONS}), as absolute paths: {@code ~} and {@code ~/...} are
   * the user's home (the shell leaves {@code --output=~/x} as it is), relative paths are resolved
   * against the working directory.
   */
  static List<String> absolutizePaths(Class<?> optionsClass, String[] args) {
    Set<String> pathOptions = pathOptionNames(optionsClass);
    pathOptions.addAll(OptionCatalog.BEAM_PATH_OPTIONS);
    List<String> out = new ArrayList<>();
    for (String arg : args) {
      String name = optionName(arg);
      if (name == null || !pathOptions.contains(name) || !arg.contains("=")) {
        out.add(arg);
        continue;
      }
      List<String> paths = new ArrayList<>();
      for (String path : arg.substring(name.length() + 3).split(",", -1)) {
        String local = withHome(path);
        paths.add(local.isEmpty() || SCHEME.matcher(local).matches() || local.startsWith("/") ? local : absolute(local));
      }
      out.add("--" + name + "=" + String.join(",", paths));
    }
    return out;
  }

  /** {@code ~} and {@code ~/...} in the user's home; {@code ~name/...} is left as it is. */
  static String withHome(String path) {
    if (!path.equals("~") && !path.startsWith("~/")) {
      return path;
    }
    String home = System.getProperty("user.home");
    return home.endsWith("/") && path.length() > 1 ? home + path.substring(2) : home + path.substring(1);
  }

  private static String absolute(String path) {
    String abs = Paths.get(path).toAbsolutePath().normalize().toString();
    return path.endsWith("/") && !abs.endsWith("/") ? abs + "/" : abs;
  }

  private static Set<String> pathOptionNames(Class<?> optionsClass) {
    Set<String> names = new HashSet<>();
    for (Method m : optionsClass.getMethods()) {
      String name = optionName(m);
      if (name != null && m.isAnnotationPresent(PathOption.class)) {
        names.add(name);
      }
    }
    return names;
  }

  /** The option an argument sets ({@code --name=value} or {@code --name}), or null. */
  static String optionName(String arg) {
    if (!arg.startsWith("--") || arg.length() == 2) {
      return null;
    }
    int eq = arg.indexOf('=');
    return eq < 0 ? arg.substring(2) : eq > 2 ? arg.substring(2, eq) : null;
  }

  /** The option a getter declares, named as Beam names it ({@code getFooBar} → {@code fooBar}), or null. */
  static String optionName(Method getter) {
    String method = getter.getName();
    if (getter.getParameterCount() != 0) {
      return null;
    }
    String property = method.startsWith("get") ? method.substring(3) : method.startsWith("is") ? method.substring(2) : "";
    return property.isEmpty() ? null : Introspector.decapitalize(property);
  }

  /** Whether an argument sets {@code option}, with a value or alone. */
  static boolean names(List<String> args, String option) {
    return args.stream().anyMatch(arg -> option.equals(optionName(arg)));
  }

  static String valueOf(List<String> args, String option) {
    String prefix = "--" + option + "=";
    String value = null;
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        value = arg.substring(prefix.length());
      }
    }
    return value;
  }
}
