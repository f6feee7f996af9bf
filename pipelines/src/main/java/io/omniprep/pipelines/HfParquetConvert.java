package io.omniprep.pipelines;

import io.omniprep.errors.WriteErrors;
import io.omniprep.hf.ConvertHfParquet;
import io.omniprep.hf.HfParquetLayout;
import io.omniprep.options.ConvertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SortedMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;

/**
 * {@code convert --from=hf-parquet}: EMOVA's {@code convert_hf_parquet_to_llava_format.py} — every
 * image to {@code OUTPUT/CONFIG/INDEX.png}, the records to {@code OUTPUT/annotations/CONFIG.json}.
 */
final class HfParquetConvert {
  private HfParquetConvert() {}

  static Pipeline create(ConvertOptions options) {
    List<String> input = options.getInput();
    if (input.size() != 1) {
      throw new IllegalArgumentException("--from=hf-parquet takes one --input: the dataset's folder");
    }
    FileSystems.setDefaultPipelineOptions(options);
    SortedMap<String, List<String>> files;
    try {
      files = HfParquetLayout.discover(input.get(0), options.getHfSplit(), options.getHfConfig());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input.get(0), e);
    }
    Pipeline p = Pipeline.create(options);
    p.apply("Convert parquet", ConvertHfParquet.from(files).to(options.getOutput()).withKeepImageBytes(options.getKeepImageBytes()))
        .failures()
        .apply("Write errors", WriteErrors.to(options.getOutput()));
    return p;
  }
}
