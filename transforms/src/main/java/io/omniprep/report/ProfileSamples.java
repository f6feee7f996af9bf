package io.omniprep.report;

import io.omniprep.media.ImageFacts;
import io.omniprep.report.SampleProfile.VideoFacts;
import io.omniprep.sample.MediaKind;
import io.omniprep.sample.MediaRef;
import io.omniprep.sample.Sample;
import io.omniprep.sample.Turn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Measures each validated sample (media resolved) for the report: turn lengths, media per kind,
 * image sizes from their headers, video durations and frame rates from their containers or frame
 * lists. Media that were not resolved are counted but not measured.
 */
public final class ProfileSamples extends PTransform<PCollection<Sample>, PCollection<SampleProfile>> {
  private ProfileSamples() {}

  public static ProfileSamples create() {
    return new ProfileSamples();
  }

  @Override
  public PCollection<SampleProfile> expand(PCollection<Sample> samples) {
    return samples.apply("Measure samples", ParDo.of(new ProfileFn()));
  }

  private static SampleProfile profile(Sample sample, MeasureMedia measure) throws IOException {
    int[] media = new int[MediaKind.values().length];
    List<ImageFacts> images = new ArrayList<>();
    List<VideoFacts> videos = new ArrayList<>();
    for (MediaRef ref : sample.media()) {
      media[ref.kind().ordinal()]++;
      if (ref.resolved() == null) {
        continue;
      }
      if (ref.kind() == MediaKind.IMAGE || ref.kind() == MediaKind.IMAGE_GEN) {
        images.add(measure.image(ref.resolved().parts().get(0)));
      } else if (ref.kind() == MediaKind.VIDEO) {
        videos.add(measure.video(ref.resolved()));
      }
    }
    int[] turns = new int[sample.turns().size()];
    for (int i = 0; i < turns.length; i++) {
      Turn turn = sample.turns().get(i);
      turns[i] = turn.text().codePointCount(0, turn.text().length());
    }
    return new SampleProfile(sample.source(), "", media, turns, images, videos);
  }

  /** Profiles one sample at a time, for steps that hold the samples themselves. */
  public static final class Profiler implements java.io.Serializable {
    private final MeasureMedia measure = new MeasureMedia();

    public SampleProfile profile(Sample sample) throws IOException {
      return ProfileSamples.profile(sample, measure);
    }
  }

  private static final class ProfileFn extends DoFn<Sample, SampleProfile> {
    private final Profiler profiler = new Profiler();

    @ProcessElement
    public void process(@Element Sample sample, OutputReceiver<SampleProfile> out) throws IOException {
      out.output(profiler.profile(sample));
    }
  }
}
