package io.omniprep.llava.write;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.Reason;
import io.omniprep.llava.RecordParseException;
import io.omniprep.llava.RecordParser;
import io.omniprep.media.MediaResolver;
import io.omniprep.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link RelocateMedia} on samples read from {@code DIR/data/set.json} and written to {@code DIR/out/json/}. */
@ExtendWith(TestPipelineExtension.class)
class RelocateMediaTest {

  private static Sample record(Path source, String id, String image) throws RecordParseException {
    byte[] json = ("{\"id\": \"" + id + "\", \"image\": \"" + image + "\", \"conversations\": [{\"from\": \"human\", \"value\":"
        + " \"<image>\\nq\"}, {\"from\": \"gpt\", \"value\": \"a\"}]}").getBytes(StandardCharsets.UTF_8);
    return RecordParser.parse(source.toString(), id.length(), 0, json, 0, json.length);
  }

  @Test
  void mediaPathsNameTheSameFilesFromTheOutputFolderAndPathsLeavingTheRootFail(TestPipeline p, @TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path source = data.resolve("set.json");
    List<Sample> samples = List.of(record(source, "in", "img/a.jpg"), record(source, "deeper", "img/b/c.png"),
        record(source, "out", "../secret.jpg"));
    // From DIR/out/json, DIR/data/... is two folders up, then down into data.
    List<String> expected = List.of("../../data/img/a.jpg", "../../data/img/b/c.png");

    WithFailures.Result<PCollection<Sample>, FailedRecord> r = p.apply(Create.of(samples))
        .apply(RelocateMedia.relativeTo(dir.resolve("out/json").toString(), MediaResolver.create().withMediaRoot(data.toString())));
    PAssert.that(r.output().apply("Paths", MapElements.into(TypeDescriptors.strings()).via((Sample s) -> s.media().get(0).location().path())))
        .containsInAnyOrder(expected);
    PAssert.that(r.failures().apply("Reasons", MapElements.into(TypeDescriptors.strings()).via((FailedRecord f) -> f.idJson() + " " + f.reason())))
        .containsInAnyOrder("\"out\" " + Reason.PATH_TRAVERSAL);
    p.run().waitUntilFinish();
  }
}
