package io.omniprep.runners;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client with path-style addressing ({@code http://HOST/BUCKET/KEY}), for S3-compatible
 * servers that do not serve {@code BUCKET.HOST} names (MinIO, Ceph, s3mock, most on-premise
 * endpoints). Everything else (region, {@code --endpoint}, credentials, HTTP settings) comes from
 * the pipeline options as with Beam's default factory. Pass
 * {@code --s3ClientFactoryClass=io.omniprep.runners.PathStyleS3ClientBuilderFactory}.
 */
public final class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  private final DefaultS3ClientBuilderFactory defaults = new DefaultS3ClientBuilderFactory();

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return defaults.createBuilder(options).forcePathStyle(true);
  }
}
