package io.omniprep.pipelines;

import io.omniprep.av.beam.ExtractFrames;
import io.omniprep.av.beam.FrameSampling;
import io.omniprep.av.beam.NamedAudio;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.write.WriteLlavaJson;
import io.omniprep.options.ExtractFramesOptions;
import io.omniprep.sample.Sample;
import io.omniprep.validate.ValidateSamples;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code extract-frames}: video files → {@code OUTPUT/<path>/frame_%06d.jpg} + {@code
 * OUTPUT/<path>.json}, mirroring the input tree; or LLaVA-Video records → the same frame folders
 * and {@code OUTPUT/dataset.json} as ShareGPT records, ready for {@code webdataset
 * --layout=chatml --input=OUTPUT/dataset.json --mediaRoot=OUTPUT}. Plus the errors output.
 */
public final class ExtractFramesPipeline {
  private ExtractFramesPipeline() {}

  public static Pipeline create(ExtractFramesOptions options) {
    FrameSampling sampling = sampling(options);
    Pipeline p = Pipeline.create(options);
    String output = options.getOutput();
    if (!VideoInputs.areRecords(options)) {
      p.apply("Extract frames",
              ExtractFrames.files().from(options.getInput()).withInputRoot(options.getInputRoot()).to(output)
                  .withOverwrite(options.getOverwrite()).withSampling(sampling)
                  .withJpegQuality(options.getJpegQuality()).withDecoderThreads(options.getDecoderThreads()))
          .failures()
          .apply("Write errors", WriteErrors.to(output));
      return p;
    }
    WithFailures.Result<PCollection<Sample>, FailedRecord> samples =
        SampleInputs.readAndValidate(p, options,
            ValidateSamples.with(SampleInputs.validator(options).withUnread(NamedAudio.madeElsewhere(), true)));
    WithFailures.Result<PCollection<Sample>, FailedRecord> withFrames =
        samples.output().apply("Extract frames",
            ExtractFrames.records().withMediaRoot(options.getMediaRoot()).to(output)
                .withOverwrite(options.getOverwrite()).withSampling(sampling)
                .withJpegQuality(options.getJpegQuality()).withDecoderThreads(options.getDecoderThreads()));
    withFrames.output().apply("Write records",
        WriteLlavaJson.to(output).withName(VideoInputs.RECORDS_NAME).withStyle(RecordStyle.SHAREGPT));
    SampleInputs.concat("Gather failures", samples.failures(), withFrames.failures()).apply("Write errors", WriteErrors.to(output));
    return p;
  }

  static FrameSampling sampling(ExtractFramesOptions options) {
    Double seconds = options.getTimeInterval();
    Integer count = options.getNumFrames();
    if (seconds != null && count != null) {
      throw new IllegalArgumentException("--timeInterval and --numFrames exclude each other");
    }
    return count != null ? FrameSampling.uniform(count) : FrameSampling.everySeconds(seconds != null ? seconds : 1.0);
  }
}
