package io.omniprep.wds;

import io.omniprep.util.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.beam.sdk.coders.Coder;

/** A SHA-256 over what made an output unit: input bytes, samples as encoded, options. */
final class Fingerprint {
  private final MessageDigest sha;
  private final OutputStream sink;
  private String hex;

  Fingerprint() {
    sha = Sha256.newDigest();
    sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha);
  }

  Fingerprint add(String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    return this;
  }

  Fingerprint add(byte[] bytes) {
    sha.update(bytes);
    return this;
  }

  <T> Fingerprint add(T value, Coder<T> coder) throws IOException {
    coder.encode(value, sink);
    return this;
  }

  /** The digest, once everything is added (further additions are ignored). */
  String hex() {
    if (hex == null) {
      hex = HexFormat.of().formatHex(sha.digest());
    }
    return hex;
  }
}
