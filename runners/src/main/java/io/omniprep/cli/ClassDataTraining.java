package io.omniprep.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Runs every kind of job once, on the bundled test data, in one JVM: the build starts it with
 * {@code -XX:ArchiveClassesAtExit=omniprep.jsa}, so that the archive the JVM writes at exit holds the
 * classes all stages load (Beam, Flink, FFmpeg's bindings, ours), parsed and verified. The {@code
 * omniprep} launcher starts the CLI with that archive: seconds less start-up on every run. Small
 * inputs run on the DirectRunner by default ({@link DefaultRunner}), so the chunk-plan jobs also
 * run once on embedded Flink, which larger inputs get.
 *
 * <p>{@code ClassDataTraining TESTDATA OUTPUT}; exits 1 if a job fails.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ClassDataTraining TESTDATA_DIR OUTPUT_DIR");
      System.exit(2);
    }
    Path data = Paths.get(args[0]).toAbsolutePath();
    Path out = Paths.get(args[1]).toAbsolutePath();
    String llava = data.resolve("llava-pretrain/blip_laion_cc_sbu_sample.json").toString();
    String video = data.resolve("video").toString();
    List<List<String>> jobs =
        List.of(
            List.of("webdataset", "--input=" + llava),
            List.of("webdataset", "--input=" + llava, "--runner=FlinkRunner"),
            List.of("pack-patches", "--input=" + llava),
            List.of("convert", "--input=" + llava, "--to=sharegpt"),
            List.of("convert", "--input=" + llava, "--to=sharegpt", "--runner=FlinkRunner"),
            List.of("report", "--input=" + llava),
            List.of("mixture", "--config=" + data.resolve("mixture/mix.yaml")),
            List.of("extract-audio", "--input=" + video + "/*.mp4", "--inputRoot=" + video),
            List.of("extract-frames", "--input=" + video + "/*.mp4", "--inputRoot=" + video));
    for (List<String> job : jobs) {
      String[] argv = new String[job.size() + 2];
      job.toArray(argv);
      argv[job.size()] = "--output=" + out.resolve(job.get(0) + "-" + jobs.indexOf(job));
      argv[job.size() + 1] = "--overwrite";
      if (Main.run(argv, System.out, System.err) != 0) {
        System.err.println("class-data training: " + String.join(" ", argv) + " failed");
        System.exit(1);
      }
    }
    System.exit(0);
  }
}
