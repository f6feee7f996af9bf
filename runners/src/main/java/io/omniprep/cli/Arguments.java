package io.omniprep.cli;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;
import org.apache.beam.sdk.options.Validation;

/**
 * The arguments after the pipeline name, as Beam reads them: {@code --name value} joined into
 * {@code --name=value} (a boolean option given alone stays a flag), {@code -h}/{@code --help} taken
 * out, and every mistake Beam would report in its own terms (an unknown option, a value of the
 * wrong kind, a missing required option) reported here first, in one line that names the option.
 */
record Arguments(List<String> options, boolean help) {
  private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /** Joins and checks the arguments of pipeline {@code pipeline}; throws {@link UsageError} for a mistake. */
  static Arguments parse(String pipeline, String[] args, OptionCatalog catalog) {
    List<String> out = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (isHelp(arg) || arg.equals("help")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        String previous = i > 0 ? args[i - 1] : null;
        if (previous != null && catalog.isFlag(String.valueOf(CliOptions.optionName(previous))) && !previous.contains("=")) {
          throw new UsageError(previous + " is a flag: give it alone or as " + previous + "=true|false, not followed by '" + arg + "'");
        }
        throw new UsageError("unexpected argument '" + arg + "' (options are --name=value or --name value)");
      }
      String name = CliOptions.optionName(arg);
      if (name == null) {
        throw new UsageError("'" + arg + "' names no option (options are --name=value or --name value)");
      }
      boolean valueFollows = i + 1 < args.length && !args[i + 1].startsWith("--") && !isHelp(args[i + 1]);
      if (arg.indexOf('=') >= 0 || !valueFollows) {
        out.add(arg);
      } else if (!catalog.isFlag(name) || isBoolean(args[i + 1])) {
        out.add(arg + "=" + args[++i]);
      } else {
        out.add(arg);
      }
    }
    return new Arguments(help ? out : check(pipeline, out, catalog), help);
  }

  static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  private static boolean isBoolean(String word) {
    return word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false");
  }

  /** The arguments checked, booleans and numbers written as Beam reads them ({@code =TRUE} → {@code =true}, {@code =+5} → {@code =5}). */
  private static List<String> check(String pipeline, List<String> args, OptionCatalog catalog) {
    List<String> checked = new ArrayList<>();
    Set<String> given = new HashSet<>();
    for (String arg : args) {
      String name = CliOptions.optionName(arg);
      given.add(name);
      if (!catalog.knows(name)) {
        String near = Suggestions.didYouMean(name, catalog.names(), "--");
        throw new UsageError("unknown option --" + name
            + (near.isEmpty() ? " (omniprep " + pipeline + " --help lists the options)" : near));
      }
      int eq = arg.indexOf('=');
      if (eq < 0) {
        if (!catalog.isFlag(name)) {
          throw new UsageError("--" + name + " expects " + catalog.expectation(name) + ", got nothing");
        }
        checked.add(arg);
        continue;
      }
      String value = arg.substring(eq + 1);
      checkValue(name, value, catalog);
      Class<?> type = catalog.getter(name).getReturnType();
      if (catalog.isFlag(name)) {
        value = value.toLowerCase(Locale.ROOT);
      } else if (OptionCatalog.isWhole(type) && value.startsWith("+")) {
        value = value.substring(1);
      }
      checked.add("--" + name + "=" + value);
    }
    // Our required options (Beam's own have defaults, and groups of which one is needed are Beam's to check).
    for (Method m : catalog.stageClass().getMethods()) {
      String name = CliOptions.optionName(m);
      if (name != null && !given.contains(name) && m.getDeclaringClass().getPackageName().startsWith("io.omniprep")
          && m.isAnnotationPresent(Validation.Required.class) && m.getAnnotation(Validation.Required.class).groups().length == 0
          && Arrays.stream(m.getAnnotations()).noneMatch(a -> a.annotationType().getEnclosingClass() == Default.class)) {
        throw new UsageError("--" + name + "=" + OptionCatalog.kind(catalog.stageClass(), m)
            + " is required (omniprep " + pipeline + " --help describes it)");
      }
    }
    return checked;
  }

  /** The values Beam would fail to read as the option's type, caught with the option named. */
  private static void checkValue(String name, String value, OptionCatalog catalog) {
    Class<?> type = catalog.getter(name).getReturnType();
    boolean ok;
    if (name.equals("runner")) {
      checkRunner(value);
      ok = true;
    } else if (type == boolean.class || type == Boolean.class) {
      ok = isBoolean(value);
    } else if (OptionCatalog.isWhole(type)) {
      ok = WHOLE.matcher(value).matches() && fits(value, type);
    } else if (OptionCatalog.isDecimal(type)) {
      ok = DECIMAL.matcher(value).matches();
    } else if (type.isEnum()) {
      List<String> choices = catalog.choices(name);
      if (!choices.contains(value)) {
        throw new UsageError("--" + name + " expects " + catalog.expectation(name) + ", got '" + value + "'"
            + Suggestions.didYouMean(value, choices, ""));
      }
      ok = true;
    } else {
      ok = true;
    }
    if (!ok) {
      throw new UsageError("--" + name + " expects " + catalog.expectation(name) + ", got '" + value + "'");
    }
  }

  /** A runner Beam finds by name ({@code FlinkRunner}, {@code flink}, any case) or a class name. */
  private static void checkRunner(String value) {
    List<String> runners = new ArrayList<>();
    ServiceLoader.load(PipelineRunnerRegistrar.class).forEach(r -> r.getPipelineRunners().forEach(c -> runners.add(c.getSimpleName())));
    runners.removeIf(r -> r.startsWith("Test"));
    String lower = value.toLowerCase(Locale.ROOT);
    boolean known = value.contains(".") || runners.stream().map(r -> r.toLowerCase(Locale.ROOT)).anyMatch(r -> r.equals(lower) || r.equals(lower + "runner"));
    if (!known) {
      // Compared without the "Runner" every name ends with: 'Flnk' is one slip from FlinkRunner.
      List<String> shortNames = runners.stream().map(r -> r.replaceFirst("Runner$", "")).toList();
      List<String> near = Suggestions.closest(value.replaceFirst("(?i)runner$", ""), shortNames).stream().map(r -> r + "Runner").toList();
      throw new UsageError("--runner expects " + Suggestions.orList(runners) + ", got '" + value + "'"
          + (near.isEmpty() ? "" : "; did you mean " + Suggestions.orList(near) + "?"));
    }
  }

  private static boolean fits(String value, Class<?> type) {
    try {
      long v = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
      if (type == int.class || type == Integer.class) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
      }
      if (type == short.class || type == Short.class) {
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
      }
      if (type == byte.class || type == Byte.class) {
        return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
