package io.omniprep.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code extract-audio}: the audio track of videos as PCM WAV files. */
public interface ExtractAudioOptions extends VideoInputOptions, OutputOptions {
  @Description("WAV sample rate in Hz (8000-384000).")
  @Default.Integer(16000)
  int getSampleRate();

  void setSampleRate(int value);

  @Description("WAV channels (1-8): 1 mixes every channel down to mono.")
  @Default.Integer(1)
  int getChannels();

  void setChannels(int value);
}
