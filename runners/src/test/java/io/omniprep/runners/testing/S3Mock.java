package io.omniprep.runners.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-API server (Adobe's s3mock, the exec jar that the build copies to {@code
 * omniprep.s3mock.jar}) in its own process, serving one bucket from a folder. Clients talk to it on
 * 127.0.0.1 only; note that s3mock offers no way to bind its plain-HTTP connector to one address,
 * so that connector listens on all interfaces, on a random port, while the test runs.
 */
public final class S3Mock implements AutoCloseable {
  public static final String REGION = "us-east-1";
  public static final String PATH_STYLE_FACTORY = "io.omniprep.runners.PathStyleS3ClientBuilderFactory";

  private final Process process;
  private final Path home;
  private final int port;
  private final S3Client client;
  private final String bucket;

  private S3Mock(Process process, Path home, int port, String bucket, String accessKey, String secretKey) {
    this.process = process;
    this.home = home;
    this.port = port;
    this.bucket = bucket;
    this.client =
        S3Client.builder()
            .endpointOverride(endpoint())
            .region(Region.of(REGION))
            .forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .build();
  }

  /** Starts s3mock with one empty bucket; it takes a while to answer, see {@link #awaitReady()}. */
  public static S3Mock start(ChildProcesses processes, Path home, String bucket, String accessKey, String secretKey)
      throws IOException {
    Path jar = Paths.get(System.getProperty("omniprep.s3mock.jar", "target/it-tools/s3mock.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("s3mock is fetched by the build (pre-integration-test): " + jar);
    }
    int port = FreePorts.next();
    Path store = Files.createDirectories(home.resolve("store"));
    Process process =
        processes.startJava(
            List.of(
                "-Xmx512m",
                "-jar", jar.toString(),
                "--server.address=127.0.0.1",
                // The HTTPS connector: bound to loopback, on a free port (its default, 9191, is fixed).
                "--server.port=" + FreePorts.next(),
                "--com.adobe.testing.s3mock.http-port=" + port,
                "--com.adobe.testing.s3mock.store.initial-buckets=" + bucket,
                "--com.adobe.testing.s3mock.store.root=" + store),
            home.resolve("s3mock.log"),
            home.resolve("s3mock.log"));
    return new S3Mock(process, home, port, bucket, accessKey, secretKey);
  }

  /** Waits (at most 3 minutes) until the bucket answers. */
  public void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI probe = URI.create(endpoint() + "/" + bucket);
    Await.until(Duration.ofMinutes(3), "s3mock answering on port " + port, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("s3mock exited:\n" + Outputs.text(home.resolve("s3mock.log")));
      }
      try {
        return http.send(HttpRequest.newBuilder(probe).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Beam's S3 options for this server (credentials come separately). */
  public List<String> beamOptions() {
    return List.of("--endpoint=" + endpoint(), "--awsRegion=" + REGION, "--s3ClientFactoryClass=" + PATH_STYLE_FACTORY);
  }

  /** Uploads every file under {@code dir} to {@code prefix + relative path}. */
  public void upload(Path dir, String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String key = prefix + dir.relativize(file).toString().replace('\\', '/');
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(file));
      }
    }
  }

  /** Downloads every object under {@code prefix} to {@code target}, keeping the rest of the key as path. */
  public void download(String prefix, Path target) throws IOException {
    for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
      Path file = target.resolve(o.key().substring(prefix.length()));
      Files.createDirectories(file.getParent());
      Files.write(file, client.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(o.key()).build()).asByteArray());
    }
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      ChildProcesses.kill(process);
    }
  }
}
