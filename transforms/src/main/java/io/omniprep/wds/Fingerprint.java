package io.omniprep.wds;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.beam.sdk.coders.Coder;

/** A SHA-256 over what made an output unit: input bytes, samples as encoded, options. */
final class Fingerprint {
  private final MessageDigest sha;
  private final OutputStream sink;
  private String hex;

  Fingerprint() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
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
