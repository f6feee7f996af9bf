package io.omniprep.runners.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A FAKE of the Google Cloud Storage JSON API on 127.0.0.1, NOT an emulator: it serves exactly the
 * requests Beam's {@code gs://} filesystem and the Dataflow runner's staging make (bucket GET,
 * object metadata GET, list with {@code prefix}/{@code delimiter}, media GET with {@code alt=media}
 * and {@code Range}, resumable upload POST + PUT, {@code rewriteTo}/{@code copyTo}, DELETE, and
 * {@code /batch/storage/v1} multipart batches of those), with {@code ifGenerationMatch}
 * preconditions. No authentication, ACLs, versioning, paging, or consistency model beyond "one
 * map, one lock per call". Anything else is answered 501 and recorded in {@link #unexpected()}, so
 * a test sees when Beam starts to need more. Object bytes live in files under a temporary folder.
 *
 * <p>There is no installable GCS emulator on the test machines (the usual one needs Go modules or
 * Docker), which is why this exists; real GCS behaviour is not tested by it.
 */
public final class FakeGcs implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BUCKET = Pattern.compile("^/storage/v1/b/([^/]+)$");
  private static final Pattern LIST = Pattern.compile("^/storage/v1/b/([^/]+)/o$");
  private static final Pattern OBJECT = Pattern.compile("^/storage/v1/b/([^/]+)/o/([^/]+)$");
  private static final Pattern DOWNLOAD = Pattern.compile("^/download/storage/v1/b/([^/]+)/o/([^/]+)$");
  private static final Pattern UPLOAD = Pattern.compile("^/upload/storage/v1/b/([^/]+)/o$");
  private static final Pattern COPY =
      Pattern.compile("^/storage/v1/b/([^/]+)/o/([^/]+)/(rewriteTo|copyTo)/b/([^/]+)/o/([^/]+)$");
  private static final Pattern CONTENT_RANGE = Pattern.compile("^bytes (\\*|(\\d+)-(\\d+))/(\\*|\\d+)$");
  private static final Pattern RANGE = Pattern.compile("^bytes=(\\d+)-(\\d*)$");

  /** One stored object: its bytes on disk and the metadata GCS would report. */
  private record Stored(Path file, long generation, long size, String md5, String crc32c, String contentType, Instant updated) {}

  /** A resumable upload in progress. */
  private static final class Upload {
    final String bucket;
    final String name;
    final String contentType;
    final Long ifGenerationMatch;
    final Path file;
    long received;

    Upload(String bucket, String name, String contentType, Long ifGenerationMatch, Path file) {
      this.bucket = bucket;
      this.name = name;
      this.contentType = contentType;
      this.ifGenerationMatch = ifGenerationMatch;
      this.file = file;
    }
  }

  private record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    Map<String, String> query() {
      Map<String, String> out = new LinkedHashMap<>();
      String raw = uri.getRawQuery();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
      }
      return out;
    }
  }

  private record Response(int status, Map<String, String> headers, byte[] body, Path file, long offset, long length) {
    static Response json(int status, JsonNode node) {
      try {
        return new Response(status, Map.of("Content-Type", "application/json; charset=UTF-8"), JSON.writeValueAsBytes(node), null, 0, 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static Response empty(int status, Map<String, String> headers) {
      return new Response(status, headers, new byte[0], null, 0, 0);
    }

    byte[] bytes() throws IOException {
      if (file == null) {
        return body;
      }
      try (var ch = Files.newByteChannel(file)) {
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        ch.position(offset);
        while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
          // read the requested range
        }
        return buffer.array();
      }
    }
  }

  private final HttpServer server;
  private final Path root;
  private final Set<String> buckets = ConcurrentHashMap.newKeySet();
  private final NavigableMap<String, Stored> objects = new ConcurrentSkipListMap<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);

  private FakeGcs(Path root, String... bucketNames) throws IOException {
    this.root = Files.createDirectories(root);
    buckets.addAll(List.of(bucketNames));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "fake-gcs");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts the fake on a free loopback port, with the given (empty) buckets. */
  public static FakeGcs start(Path root, String... buckets) throws IOException {
    return new FakeGcs(root, buckets);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The value for Beam's {@code --gcsEndpoint}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/storage/v1/";
  }

  /** Beam options that point the gs:// filesystem here, with no credentials at all. */
  public List<String> beamOptions() {
    return List.of(
        "--gcsEndpoint=" + endpoint(),
        "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory");
  }

  /** The requests this fake does not implement (answered 501). */
  public List<String> unexpected() {
    synchronized (unexpected) {
      return List.copyOf(unexpected);
    }
  }

  /** Object names of a bucket under a prefix, sorted. */
  public List<String> list(String bucket, String prefix) {
    List<String> out = new ArrayList<>();
    for (String key : objects.subMap(bucket + "/" + prefix, true, bucket + "/" + prefix + Character.MAX_VALUE, false).keySet()) {
      out.add(key.substring(bucket.length() + 1));
    }
    return out;
  }

  public byte[] read(String bucket, String name) throws IOException {
    return Files.readAllBytes(file(bucket, name));
  }

  /** Where an object's bytes are kept, to compare large objects without reading them into memory. */
  public Path file(String bucket, String name) throws IOException {
    Stored s = objects.get(bucket + "/" + name);
    if (s == null) {
      throw new java.nio.file.NoSuchFileException("gs://" + bucket + "/" + name);
    }
    return s.file();
  }

  /** Stores an object directly (test setup), as an upload would. */
  public void put(String bucket, String name, byte[] bytes) throws IOException {
    Path file = Files.createTempFile(root, "obj", ".bin");
    Files.write(file, bytes);
    store(bucket, name, file, "application/octet-stream");
  }

  /** Copies every object under {@code prefix} to {@code target}, keeping the rest of the name as path. */
  public void download(String bucket, String prefix, Path target) throws IOException {
    for (String name : list(bucket, prefix)) {
      Path file = target.resolve(name.substring(prefix.length()));
      Files.createDirectories(file.getParent());
      Files.write(file, read(bucket, name));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  // ---- HTTP plumbing ----

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body);
      Response response = request.uri().getRawPath().equals("/batch/storage/v1") ? batch(request) : serve(request);
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      long length = response.file() != null ? response.length() : response.body().length;
      boolean noBody = length == 0 || request.method().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          if (response.file() != null) {
            try (InputStream in = Files.newInputStream(response.file())) {
              in.skipNBytes(response.offset());
              copy(in, out, response.length());
            }
          } else {
            out.write(response.body());
          }
        }
      }
    } catch (RuntimeException e) {
      unexpected.add("internal error: " + e);
      throw e;
    }
  }

  private Response serve(Request r) {
    String path = r.uri().getRawPath();
    try {
      Matcher m;
      if (r.method().equals("GET") && (m = BUCKET.matcher(path)).matches()) {
        return getBucket(decode(m.group(1)));
      }
      if (r.method().equals("GET") && (m = LIST.matcher(path)).matches()) {
        return list(decode(m.group(1)), r.query());
      }
      if (r.method().equals("GET") && (m = OBJECT.matcher(path)).matches()) {
        return "media".equals(r.query().get("alt"))
            ? media(decode(m.group(1)), decode(m.group(2)), r)
            : metadata(decode(m.group(1)), decode(m.group(2)));
      }
      if (r.method().equals("GET") && (m = DOWNLOAD.matcher(path)).matches()) {
        return media(decode(m.group(1)), decode(m.group(2)), r);
      }
      if (r.method().equals("DELETE") && (m = OBJECT.matcher(path)).matches()) {
        return delete(decode(m.group(1)), decode(m.group(2)));
      }
      if (r.method().equals("POST") && (m = COPY.matcher(path)).matches()) {
        return copy(decode(m.group(1)), decode(m.group(2)), m.group(3), decode(m.group(4)), decode(m.group(5)), r);
      }
      if (r.method().equals("POST") && (m = UPLOAD.matcher(path)).matches() && "resumable".equals(r.query().get("uploadType"))) {
        return startUpload(decode(m.group(1)), r);
      }
      if (r.method().equals("PUT") && UPLOAD.matcher(path).matches() && r.query().containsKey("upload_id")) {
        return continueUpload(r);
      }
    } catch (IOException e) {
      unexpected.add("I/O error serving " + r.method() + " " + path + ": " + e);
      return error(500, "backendError", e.toString());
    }
    unexpected.add(r.method() + " " + r.uri());
    return error(501, "notImplemented", "the fake GCS does not implement " + r.method() + " " + path);
  }

  private Response getBucket(String bucket) {
    if (!buckets.contains(bucket)) {
      return error(404, "notFound", "The specified bucket does not exist.");
    }
    ObjectNode b = JSON.createObjectNode();
    b.put("kind", "storage#bucket");
    b.put("id", bucket);
    b.put("name", bucket);
    b.put("projectNumber", "123456789012");
    b.put("location", "US");
    b.put("storageClass", "STANDARD");
    return Response.json(200, b);
  }

  private Response list(String bucket, Map<String, String> query) {
    if (!buckets.contains(bucket)) {
      return error(404, "notFound", "The specified bucket does not exist.");
    }
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    ObjectNode out = JSON.createObjectNode();
    out.put("kind", "storage#objects");
    ArrayNode items = out.putArray("items");
    Set<String> prefixes = new TreeSet<>();
    for (Map.Entry<String, Stored> e : objects.subMap(bucket + "/" + prefix, true, bucket + "/" + prefix + Character.MAX_VALUE, false).entrySet()) {
      String name = e.getKey().substring(bucket.length() + 1);
      int cut = delimiter == null || delimiter.isEmpty() ? -1 : name.indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        prefixes.add(name.substring(0, cut + delimiter.length()));
      } else {
        items.add(resource(bucket, name, e.getValue()));
      }
    }
    if (!prefixes.isEmpty()) {
      ArrayNode p = out.putArray("prefixes");
      prefixes.forEach(p::add);
    }
    return Response.json(200, out);
  }

  private Response metadata(String bucket, String name) {
    Stored s = objects.get(bucket + "/" + name);
    return s == null ? notFound(bucket, name) : Response.json(200, resource(bucket, name, s));
  }

  private Response media(String bucket, String name, Request r) {
    Stored s = objects.get(bucket + "/" + name);
    if (s == null) {
      return notFound(bucket, name);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", s.contentType());
    headers.put("x-goog-generation", Long.toString(s.generation()));
    headers.put("x-goog-hash", "crc32c=" + s.crc32c() + ",md5=" + s.md5());
    String range = r.header("range");
    if (range == null) {
      return new Response(200, headers, null, s.file(), 0, s.size());
    }
    Matcher m = RANGE.matcher(range);
    if (!m.matches()) {
      unexpected.add("unsupported Range header: " + range);
      return error(501, "notImplemented", "Range " + range);
    }
    long start = Long.parseLong(m.group(1));
    long end = m.group(2).isEmpty() ? s.size() - 1 : Math.min(Long.parseLong(m.group(2)), s.size() - 1);
    if (start >= s.size()) {
      headers.put("Content-Range", "bytes */" + s.size());
      return new Response(416, headers, new byte[0], null, 0, 0);
    }
    headers.put("Content-Range", "bytes " + start + "-" + end + "/" + s.size());
    return new Response(206, headers, null, s.file(), start, end - start + 1);
  }

  private Response delete(String bucket, String name) throws IOException {
    Stored s = objects.remove(bucket + "/" + name);
    if (s == null) {
      return notFound(bucket, name);
    }
    Files.deleteIfExists(s.file());
    return Response.empty(204, Map.of());
  }

  private Response copy(String srcBucket, String srcName, String op, String dstBucket, String dstName, Request r) throws IOException {
    Stored src = objects.get(srcBucket + "/" + srcName);
    if (src == null) {
      return notFound(srcBucket, srcName);
    }
    Response precondition = precondition(dstBucket, dstName, r.query());
    if (precondition != null) {
      return precondition;
    }
    Path file = Files.createTempFile(root, "obj", ".bin");
    Files.copy(src.file(), file, StandardCopyOption.REPLACE_EXISTING);
    Stored stored = store(dstBucket, dstName, file, src.contentType());
    ObjectNode resource = resource(dstBucket, dstName, stored);
    if (op.equals("copyTo")) {
      return Response.json(200, resource);
    }
    ObjectNode rewrite = JSON.createObjectNode();
    rewrite.put("kind", "storage#rewriteResponse");
    rewrite.put("totalBytesRewritten", Long.toString(stored.size()));
    rewrite.put("objectSize", Long.toString(stored.size()));
    rewrite.put("done", true);
    rewrite.set("resource", resource);
    return Response.json(200, rewrite);
  }

  private Response startUpload(String bucket, Request r) throws IOException {
    if (!buckets.contains(bucket)) {
      return error(404, "notFound", "The specified bucket does not exist.");
    }
    JsonNode meta = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    String name = r.query().containsKey("name") ? r.query().get("name") : meta.path("name").asText(null);
    if (name == null) {
      return error(400, "required", "object name missing");
    }
    String contentType = meta.hasNonNull("contentType") ? meta.get("contentType").asText()
        : r.header("x-upload-content-type") != null ? r.header("x-upload-content-type") : "application/octet-stream";
    String ifMatch = r.query().get("ifGenerationMatch");
    String id = UUID.randomUUID().toString();
    uploads.put(id, new Upload(bucket, name, contentType, ifMatch == null ? null : Long.valueOf(ifMatch), Files.createTempFile(root, "upload", ".part")));
    String location = "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/storage/v1/b/" + encode(bucket)
        + "/o?uploadType=resumable&upload_id=" + id;
    return Response.empty(200, Map.of("Location", location));
  }

  private Response continueUpload(Request r) throws IOException {
    Upload upload = uploads.get(r.query().get("upload_id"));
    if (upload == null) {
      return error(404, "notFound", "no such upload session");
    }
    synchronized (upload) {
      String contentRange = r.header("content-range");
      long total = -1;
      if (contentRange != null) {
        Matcher m = CONTENT_RANGE.matcher(contentRange);
        if (!m.matches()) {
          unexpected.add("unsupported Content-Range: " + contentRange);
          return error(501, "notImplemented", contentRange);
        }
        if (m.group(2) != null && Long.parseLong(m.group(2)) != upload.received) {
          return error(400, "invalid", "chunk starts at " + m.group(2) + ", expected " + upload.received);
        }
        total = m.group(4).equals("*") ? -1 : Long.parseLong(m.group(4));
      } else {
        total = upload.received + r.body().length;
      }
      if (r.body().length > 0) {
        Files.write(upload.file, r.body(), StandardOpenOption.APPEND);
        upload.received += r.body().length;
      }
      if (total < 0 || upload.received < total) {
        Map<String, String> headers = upload.received == 0 ? Map.of() : Map.of("Range", "bytes=0-" + (upload.received - 1));
        return Response.empty(308, headers);
      }
      uploads.remove(r.query().get("upload_id"));
      Map<String, String> condition = upload.ifGenerationMatch == null ? Map.of() : Map.of("ifGenerationMatch", upload.ifGenerationMatch.toString());
      Response precondition = precondition(upload.bucket, upload.name, condition);
      if (precondition != null) {
        Files.deleteIfExists(upload.file);
        return precondition;
      }
      Stored stored = store(upload.bucket, upload.name, upload.file, upload.contentType);
      return Response.json(200, resource(upload.bucket, upload.name, stored));
    }
  }

  /** {@code ifGenerationMatch}: 0 means "must not exist", N means "must be generation N". */
  private Response precondition(String bucket, String name, Map<String, String> query) {
    String ifMatch = query.get("ifGenerationMatch");
    if (ifMatch == null) {
      return null;
    }
    Stored existing = objects.get(bucket + "/" + name);
    long expected = Long.parseLong(ifMatch);
    boolean ok = expected == 0 ? existing == null : existing != null && existing.generation() == expected;
    return ok ? null : error(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
  }

  private Stored store(String bucket, String name, Path file, String contentType) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    CRC32C crc = new CRC32C();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        md5.update(buffer, 0, n);
        crc.update(buffer, 0, n);
        size += n;
      }
    }
    byte[] crcBytes = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    Stored stored = new Stored(file, generations.incrementAndGet(), size, Base64.getEncoder().encodeToString(md5.digest()),
        Base64.getEncoder().encodeToString(crcBytes), contentType, Instant.now());
    Stored previous = objects.put(bucket + "/" + name, stored);
    if (previous != null) {
      Files.deleteIfExists(previous.file());
    }
    return stored;
  }

  private static ObjectNode resource(String bucket, String name, Stored s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", "storage#object");
    o.put("id", bucket + "/" + name + "/" + s.generation());
    o.put("name", name);
    o.put("bucket", bucket);
    o.put("generation", Long.toString(s.generation()));
    o.put("metageneration", "1");
    o.put("contentType", s.contentType());
    o.put("size", Long.toString(s.size()));
    o.put("md5Hash", s.md5());
    o.put("crc32c", s.crc32c());
    o.put("storageClass", "STANDARD");
    o.put("timeCreated", s.updated().toString());
    o.put("updated", s.updated().toString());
    return o;
  }

  private static Response notFound(String bucket, String name) {
    return error(404, "notFound", "No such object: " + bucket + "/" + name);
  }

  private static Response error(int code, String reason, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode detail = error.putArray("errors").addObject();
    detail.put("domain", "global");
    detail.put("reason", reason);
    detail.put("message", message);
    return Response.json(code, root);
  }

  // ---- batches: multipart/mixed of embedded HTTP requests, answered in kind ----

  private Response batch(Request r) throws IOException {
    String contentType = r.header("content-type");
    Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType == null ? "" : contentType);
    if (!r.method().equals("POST") || !m.find()) {
      unexpected.add("malformed batch: " + r.method() + " " + contentType);
      return error(400, "invalid", "malformed batch");
    }
    String delimiter = "--" + m.group(1);
    String body = new String(r.body(), StandardCharsets.ISO_8859_1);
    String boundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = 0;
    for (String part : body.split(Pattern.quote(delimiter))) {
      if (part.isBlank() || part.startsWith("--")) {
        continue;
      }
      n++;
      Request inner = parseEmbedded(part);
      Response response = serve(inner);
      byte[] payload = response.bytes();
      StringBuilder head = new StringBuilder();
      head.append("--").append(boundary).append("\r\n");
      head.append("Content-Type: application/http\r\n");
      head.append("Content-ID: <response-").append(n).append(">\r\n\r\n");
      head.append("HTTP/1.1 ").append(response.status()).append(' ').append(reasonPhrase(response.status())).append("\r\n");
      response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return new Response(200, Map.of("Content-Type", "multipart/mixed; boundary=" + boundary), out.toByteArray(), null, 0, 0);
  }

  /** One batch part: MIME headers, a blank line, then an HTTP request (line, headers, body). */
  private static Request parseEmbedded(String part) {
    String text = part.startsWith("\r\n") ? part.substring(2) : part;
    int mimeEnd = text.indexOf("\r\n\r\n");
    String http = text.substring(mimeEnd + 4);
    int headEnd = http.indexOf("\r\n\r\n");
    String head = headEnd < 0 ? http : http.substring(0, headEnd);
    String body = headEnd < 0 ? "" : http.substring(headEnd + 4);
    if (body.endsWith("\r\n")) {
      body = body.substring(0, body.length() - 2);
    }
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    URI uri = URI.create(requestLine[1]);
    return new Request(requestLine[0], uri, headers, body.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String reasonPhrase(int status) {
    switch (status) {
      case 200: return "OK";
      case 204: return "No Content";
      case 404: return "Not Found";
      case 412: return "Precondition Failed";
      default: return "Status";
    }
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("file shorter than its recorded size");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
