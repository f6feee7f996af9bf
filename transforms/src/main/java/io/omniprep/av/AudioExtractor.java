package io.omniprep.av;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.io.IOException;
import java.io.Serializable;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Extracts the audio of a local media file as a RIFF/WAVE file of signed 16-bit little-endian PCM,
 * by default mono at 16 kHz: the in-process equivalent of
 * {@code ffmpeg -i X -ac 1 -ar 16000 -vn Y.wav}
 * (same stream choice, same libswresample defaults, resampler drained at the end). Only the header
 * differs: no {@code LIST/INFO} encoder tag.
 *
 * <p>Memory is bounded: packets are decoded, resampled and written one at a time. Instances are
 * immutable, thread-safe and serializable (usable as a Beam DoFn field); each call uses its own
 * native state.
 */
public final class AudioExtractor implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Sample rate of {@link #AudioExtractor()}: Whisper-style 16 kHz. */
  public static final int DEFAULT_SAMPLE_RATE = 16_000;
  /** Channel count of {@link #AudioExtractor()}: mono. */
  public static final int DEFAULT_CHANNELS = 1;

  private final int sampleRate;
  private final int channels;

  /** 16 kHz mono. */
  public AudioExtractor() {
    this(DEFAULT_SAMPLE_RATE, DEFAULT_CHANNELS);
  }

  /**
   * @param sampleRate output rate in Hz (8000..384000)
   * @param channels output channels (1..8); more than the source are up-mixed, fewer down-mixed,
   *     with FFmpeg's default layouts and matrix
   */
  public AudioExtractor(int sampleRate, int channels) {
    if (sampleRate < 8_000 || sampleRate > 384_000) {
      throw new IllegalArgumentException("sample rate out of range: " + sampleRate);
    }
    if (channels < 1 || channels > 8) {
      throw new IllegalArgumentException("channels out of range: " + channels);
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
  }

  /** What shapes the WAVs written: part of an extracted file's resume stamp. */
  @Override
  public String toString() {
    return "wav sampleRate=" + sampleRate + " channels=" + channels;
  }

  /**
   * Writes the audio of {@code media} to the local file {@code wav} (created or truncated). On
   * failure no file is left behind.
   *
   * @throws AvException {@code NO_AUDIO_STREAM} if the file has no audio stream,
   *     {@code CANNOT_DECODE} if it cannot be opened or its audio yields no samples
   * @throws java.nio.file.NoSuchFileException if {@code media} does not exist
   */
  public WavInfo extractWav(Path media, Path wav) throws IOException {
    boolean ok = false;
    try {
      WavInfo info = extract(media, wav);
      ok = true;
      return info;
    } finally {
      if (!ok) {
        Files.deleteIfExists(wav);
      }
    }
  }

  /**
   * Writes the WAV to {@code out} (not closed). The header needs the data size, so the audio goes
   * to a local temporary file first and is copied afterwards; memory stays bounded.
   */
  public WavInfo extractWav(Path media, OutputStream out) throws IOException {
    Path tmp = Files.createTempFile("omniprep-audio-", ".wav");
    try {
      WavInfo info = extractWav(media, tmp);
      Files.copy(tmp, out);
      return info;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * How much shorter than the container declares the decoded audio may be (encoder priming and
   * padding are a few tens of milliseconds); a file cut short (a faststart MP4 whose index survives
   * but not its data) decodes to a fraction of it.
   */
  private static final double SHORT_TOLERANCE_SECONDS = 0.25;

  /** The stream's declared duration in seconds, or 0 when the container gives none. */
  private static double declaredSeconds(AVStream stream) {
    long duration = stream.duration();
    if (duration <= 0 || duration == avutil.AV_NOPTS_VALUE) {
      return 0;
    }
    return duration * (double) stream.time_base().num() / stream.time_base().den();
  }

  private WavInfo extract(Path media, Path wav) throws IOException {
    try (MediaInput in = MediaInput.open(media)) {
      int stream = in.bestAudioStream();
      if (stream < 0) {
        throw AvException.noAudioStream();
      }
      in.discardAllBut(stream);
      AVPacket pkt = av_packet_alloc();
      try (StreamDecoder decoder = new StreamDecoder(in.stream(stream), 1, false);
          Resampler resampler = new Resampler(sampleRate, channels);
          WavWriter writer = new WavWriter(wav, sampleRate, channels, resampler.outChannelMask())) {
        StreamDecoder.FrameSink toWav = frame -> resampler.convert(frame, writer::write);
        while (in.readPacket(pkt)) {
          try {
            if (pkt.stream_index() == stream) {
              decoder.decode(pkt, toWav);
            }
          } finally {
            av_packet_unref(pkt);
          }
        }
        decoder.decode(null, toWav);
        resampler.flush(writer::write);
        if (writer.sampleFrames() == 0) {
          String why = decoder.errors() > 0 ? decoder.firstErrorText()
              : in.lastReadError() != 0 ? Ffmpeg.error(in.lastReadError()) : "no audio samples";
          throw AvException.cannotDecode(why);
        }
        double declared = declaredSeconds(in.stream(stream));
        double decoded = writer.sampleFrames() / (double) sampleRate;
        if (declared > 0 && decoded + Math.max(SHORT_TOLERANCE_SECONDS, declared * 0.02) < declared) {
          throw AvException.cannotDecode(String.format(Locale.ROOT,
              "truncated: %.2f s of audio decoded, the container declares %.2f s", decoded, declared));
        }
        return new WavInfo(sampleRate, channels, writer.sampleFrames());
      } finally {
        av_packet_free(pkt);
      }
    }
  }
}
