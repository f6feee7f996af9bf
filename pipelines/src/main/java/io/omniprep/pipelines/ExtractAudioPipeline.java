package io.omniprep.pipelines;

import io.omniprep.av.beam.ExtractAudioFromVideo;
import io.omniprep.av.beam.NamedAudio;
import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.WriteErrors;
import io.omniprep.llava.RecordStyle;
import io.omniprep.llava.write.WriteLlavaJson;
import io.omniprep.options.ExtractAudioOptions;
import io.omniprep.sample.Sample;
import io.omniprep.validate.ValidateSamples;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code extract-audio}: video files → {@code OUTPUT/<path>.wav}, mirroring the input tree; or
 * records → read, validate, extract each video's audio, {@code OUTPUT/dataset.json} with an
 * {@code audio} field. Plus the errors output.
 */
public final class ExtractAudioPipeline {
  private ExtractAudioPipeline() {}

  public static Pipeline create(ExtractAudioOptions options) {
    Pipeline p = Pipeline.create(options);
    String output = options.getOutput();
    if (!VideoInputs.areRecords(options)) {
      p.apply("Extract audio",
              ExtractAudioFromVideo.files().from(options.getInput()).withInputRoot(options.getInputRoot()).to(output)
                  .withOverwrite(options.getOverwrite()).withSampleRate(options.getSampleRate()).withChannels(options.getChannels()))
          .failures()
          .apply("Write errors", WriteErrors.to(output));
      return p;
    }
    WithFailures.Result<PCollection<Sample>, FailedRecord> samples =
        SampleInputs.readAndValidate(p, options,
            ValidateSamples.with(SampleInputs.validator(options).withUnread(NamedAudio.writtenTo(output), false)));
    WithFailures.Result<PCollection<Sample>, FailedRecord> withAudio =
        samples.output().apply("Extract audio",
            ExtractAudioFromVideo.records().withMediaRoot(options.getMediaRoot()).to(output)
                .withOverwrite(options.getOverwrite()).withSampleRate(options.getSampleRate()).withChannels(options.getChannels()));
    withAudio.output().apply("Write records",
        WriteLlavaJson.to(output).withName(VideoInputs.RECORDS_NAME).withStyle(RecordStyle.AS_READ));
    SampleInputs.concat("Gather failures", samples.failures(), withAudio.failures()).apply("Write errors", WriteErrors.to(output));
    return p;
  }
}
