package io.omniprep.av;

import java.io.IOException;

/** Receives selected frames in increasing source order, one at a time. */
@FunctionalInterface
public interface FrameConsumer {
  void accept(VideoFrame frame) throws IOException;
}
