package io.omniprep.cli;

import io.omniprep.pipelines.Stage;
import io.omniprep.pipelines.Stages;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** {@code --help}: the stages, or one stage's options with descriptions and defaults. */
final class Help {
  private Help() {}

  static void stages(PrintStream out) {
    out.println("usage: omniprep PIPELINE --option=value ...   (or --option value)");
    out.println("       omniprep PIPELINE --help | omniprep --help | omniprep --version");
    out.println();
    out.println("pipelines:");
    int width = Stages.all().stream().mapToInt(s -> s.name().length()).max().orElse(10);
    for (Stage<?> stage : Stages.all()) {
      out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", stage.name(), stage.summary());
    }
    out.println();
    out.println("PIPELINE --help lists its options. Runs on embedded Flink by default;");
    out.println("--runner=DirectRunner, or --runner=FlinkRunner --flinkMaster=HOST:PORT, or");
    out.println("--runner=DataflowRunner --project=P --region=R --tempLocation=gs://... (see README).");
    out.println("--verbose adds the stack trace to an error. Exit status: 0 done, 1 the job failed,");
    out.println("2 a mistake on the command line. Progress: a redrawn line on a terminal, a plain line");
    out.println("every 30 s where stderr is no terminal (a log); --quiet: none.");
  }

  static void options(Stage<?> stage, PrintStream out) {
    out.println("usage: omniprep " + stage.name() + " --option=value ...   (or --option value)");
    out.println(stage.summary());
    out.println();
    Map<String, Method> getters = new TreeMap<>(Comparator.naturalOrder());
    for (Method m : stage.optionsClass().getMethods()) {
      String name = CliOptions.optionName(m);
      if (name != null && m.getDeclaringClass().getPackageName().startsWith("io.omniprep")) {
        getters.putIfAbsent(name, m);
      }
    }
    for (Map.Entry<String, Method> e : getters.entrySet()) {
      Method m = e.getValue();
      String desc = m.isAnnotationPresent(Description.class) ? m.getAnnotation(Description.class).value() : "";
      out.println("  --" + e.getKey() + value(stage, m) + defaultOf(m));
      out.println("      " + desc);
    }
    out.println();
    out.println("Runner options: --runner (default FlinkRunner, embedded), --flinkMaster (default [local]),");
    out.println("--parallelism, --fasterCopy (default true), --jarOnCluster (the cluster has omniprep-cluster.jar");
    out.println("of this build in lib/: nothing is uploaded; a jar of another build fails the job at its start);");
    out.println("DataflowRunner: --project, --region, --tempLocation.");
    out.println("--verbose adds the stack trace to an error. Paths may start with ~/ (your home).");
    out.println("Progress: a redrawn line on a terminal, a plain line every 30 s in a log; --quiet: none.");
  }

  /** {@code =PATH}, {@code =N}, {@code =vqa|chatml|...}; a boolean is a flag: {@code [=true|false]}. */
  static String value(Stage<?> stage, Method m) {
    String kind = OptionCatalog.kind(stage.optionsClass(), m);
    return kind.equals("true|false") ? "[=true|false]" : "=" + kind;
  }

  private static String defaultOf(Method m) {
    if (m.isAnnotationPresent(Validation.Required.class)) {
      return "  (required)";
    }
    if (m.isAnnotationPresent(Default.String.class)) {
      return "  (default " + m.getAnnotation(Default.String.class).value() + ")";
    }
    if (m.isAnnotationPresent(Default.Integer.class)) {
      return "  (default " + m.getAnnotation(Default.Integer.class).value() + ")";
    }
    if (m.isAnnotationPresent(Default.Long.class)) {
      return "  (default " + m.getAnnotation(Default.Long.class).value() + ")";
    }
    if (m.isAnnotationPresent(Default.Boolean.class)) {
      return "  (default " + m.getAnnotation(Default.Boolean.class).value() + ")";
    }
    if (m.isAnnotationPresent(Default.Double.class)) {
      return "  (default " + m.getAnnotation(Default.Double.class).value() + ")";
    }
    return "";
  }
}
