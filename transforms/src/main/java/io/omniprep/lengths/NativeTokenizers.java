package io.omniprep.lengths;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * Loads DJL's native tokenizers library into the class loader that holds these classes, from a copy
 * of its own. A JVM loads a native library file into one class loader only, and a Flink TaskManager
 * gives each job a class loader of its own: without a copy, the second job that tokenizes on a
 * TaskManager would find the library taken by the first and fail (UnsatisfiedLinkError). DJL loads
 * its library through a helper class when the system property {@value #HELPER} names one; this is
 * that helper. The property is set only while DJL loads, and restored after.
 */
public final class NativeTokenizers {
  static final String HELPER = "ai.djl.huggingface.native_helper";
  /** A lock every class loader of the JVM shares (string literals are interned JVM-wide): the property is JVM-wide too. */
  private static final Object JVM_WIDE = "io.omniprep.lengths.NativeTokenizers";

  private static volatile boolean loaded;

  private NativeTokenizers() {}

  /** Has DJL load its library into this class loader, once. */
  static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (JVM_WIDE) {
      if (loaded) {
        return;
      }
      Thread thread = Thread.currentThread();
      ClassLoader context = thread.getContextClassLoader();
      String before = System.getProperty(HELPER);
      // DJL finds the helper through the context class loader: this one, where DJL's classes are too.
      thread.setContextClassLoader(NativeTokenizers.class.getClassLoader());
      System.setProperty(HELPER, NativeTokenizers.class.getName());
      try {
        LibUtils.checkStatus(); // its static initializer loads the library, through load() below
        loaded = true;
      } finally {
        if (before == null) {
          System.clearProperty(HELPER);
        } else {
          System.setProperty(HELPER, before);
        }
        thread.setContextClassLoader(context);
      }
    }
  }

  /**
   * Called by DJL with the library it extracted: loads a copy under a name of its own, beside it
   * (where DJL may load code from), and deletes the copy, which stays mapped.
   */
  public static void load(String path) {
    Path library = Paths.get(path);
    try {
      Path copy = Files.createTempFile(library.getParent(), "omniprep-", "-" + library.getFileName());
      try {
        Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
        System.load(copy.toString());
      } finally {
        Files.deleteIfExists(copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the tokenizers library " + path, e);
    }
  }
}
