package io.omniprep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.omniprep.errors.FailedRecord;
import io.omniprep.errors.FailedRecordCoder;
import io.omniprep.llava.JsonChunk;
import io.omniprep.report.SampleProfile;
import io.omniprep.sample.Sample;
import io.omniprep.sample.SampleCoder;
import io.omniprep.table.TableRow;
import io.omniprep.table.TableRowCoder;
import io.omniprep.wds.ShardInfo;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * The value types' own coders are what Beam infers for them, so a collection needs no setCoder;
 * without it Beam falls back to Java serialization (slow, and a Flatten of the two kinds fails on
 * Flink).
 */
class DefaultCodersTest {
  private final CoderRegistry registry = CoderRegistry.createDefault();

  @Test
  void eachValueTypeGetsItsOwnCoder() throws Exception {
    assertEquals(FailedRecordCoder.class, registry.getCoder(FailedRecord.class).getClass());
    assertEquals(SampleCoder.class, registry.getCoder(Sample.class).getClass());
    assertEquals(TableRowCoder.class, registry.getCoder(TableRow.class).getClass());
    assertEquals(ShardInfo.Coder.class, registry.getCoder(ShardInfo.class).getClass());
    assertEquals(SampleProfile.Coder.class, registry.getCoder(SampleProfile.class).getClass());
    assertEquals(JsonChunk.Coder.class, registry.getCoder(JsonChunk.class).getClass());
  }

  @Test
  void andInsideKeyValuePairs() throws Exception {
    TypeDescriptor<KV<String, Sample>> kv = TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Sample.class));
    assertEquals(KvCoder.of(StringUtf8Coder.of(), SampleCoder.of()), registry.getCoder(kv));
  }
}
