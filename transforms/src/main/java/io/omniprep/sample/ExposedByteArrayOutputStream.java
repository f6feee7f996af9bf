package io.omniprep.sample;

import java.io.ByteArrayOutputStream;

/** A {@link ByteArrayOutputStream} whose buffer can be written out without a copy. */
final class ExposedByteArrayOutputStream extends ByteArrayOutputStream {
  ExposedByteArrayOutputStream(int size) {
    super(size);
  }

  byte[] array() {
    return buf;
  }
}
