package io.omniprep.wds;

import io.omniprep.llava.ParseLlava;
import io.omniprep.media.MediaResolver;
import io.omniprep.validate.SampleValidator;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Plan chunks → parse, validate and write each chunk (errors per chunk), on the DirectRunner, as the webdataset pipeline does. */
final class WdsRun {
  /** The webdataset pipeline's default {@code --maxRecordBytes}. */
  private static final long MAX_RECORD_BYTES = 64L << 20;

  private WdsRun() {}

  static void run(String input, Path output, WriteWebDataset write) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    p.apply(ParseLlava.chunks().from(input).withMaxRecordsPerChunk(write.maxSamplesPerShard()))
        .apply(write.fromChunks(SampleValidator.withResolver(MediaResolver.create()), MAX_RECORD_BYTES));
    p.run().waitUntilFinish();
  }
}
