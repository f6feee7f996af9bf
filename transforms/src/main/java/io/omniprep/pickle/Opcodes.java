package io.omniprep.pickle;

/** The pickle opcodes of omniprep's lists of bytes: all that {@link PickleWriter} writes and {@link PickleReader} reads. */
final class Opcodes {
  static final int PROTO = 0x80;
  static final int EMPTY_LIST = 0x5D;
  static final int MARK = 0x28;
  static final int APPENDS = 0x65;
  static final int SHORT_BINBYTES = 0x43;
  static final int BINBYTES = 0x42;
  static final int STOP = 0x2E;

  private Opcodes() {}
}
