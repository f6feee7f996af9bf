package io.omniprep.options;

/** {@code webdataset}: samples and their media to WebDataset tar shards with Energon metadata. */
public interface WebDatasetOptions extends InputOptions, WebDatasetWriterOptions, SequenceLengthOptions, HygieneOptions, ShuffleOptions {}
