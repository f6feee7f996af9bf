package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.junit.jupiter.api.Test;

/** The DoFns whose invokers are made ahead of a job: every ParDo's, single or multi-output, nested or not. */
class WarmUpTest {
  static class Upper extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String s, OutputReceiver<String> out) {
      out.output(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  static class Split extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String s, MultiOutputReceiver out) {
      out.get(MAIN).output(s);
    }
  }

  private static final TupleTag<String> MAIN = new TupleTag<>() {};

  @Test
  void listsTheFnOfEveryParDo() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    Upper upper = new Upper();
    Split split = new Split();
    p.apply(Create.of("a")).apply("Upper", ParDo.of(upper)).apply("Split", ParDo.of(split).withOutputTags(MAIN, TupleTagList.empty()));

    List<DoFn<?, ?>> fns = WarmUp.doFns(p);

    assertTrue(fns.stream().anyMatch(fn -> fn == upper), fns::toString);
    assertTrue(fns.stream().anyMatch(fn -> fn == split), fns::toString);
    assertTrue(fns.indexOf(upper) < fns.indexOf(split), () -> "in the order applied: " + fns);
  }
}
