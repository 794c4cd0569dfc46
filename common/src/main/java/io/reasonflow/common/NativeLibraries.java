package io.reasonflow.common;

import java.util.List;

/**
 * Loads the native libraries (JavaCPP, ND4J's CPU backend, OpenBLAS's LAPACK) once per class
 * loader, in one thread, in a fixed order, before any code that uses them runs.
 *
 * <p>Why: JavaCPP's {@code Loader} and {@code Pointer} initialise each other. A thread that first
 * touches a {@code Pointer} (the next-item model's {@code FloatPointer}) holds {@code Pointer}'s
 * class-initialisation lock and waits for {@code Loader}'s; a thread that first touches ND4J
 * (item2vec in a neighbouring task of the same TaskManager) initialises {@code Loader}, whose
 * native library's load needs {@code Pointer} initialised: each waits for the other for ever, with
 * no error (JavaCPP issue 737). The feature job hung that way in about one demo run in ten on a
 * 2-core machine, always at the first native call of two tasks that start together. Every entry
 * point into native code calls {@link #load()} first; the first caller initialises everything while
 * the others wait on this class's lock holding nothing else, so no cycle can form.
 *
 * <p>It also pins the class loader ND4J looks its services up through to ND4J's own. ND4J keeps the
 * one of the first thread that asks, here a task thread whose user-code class loader Flink closes
 * when the job ends; a later job in the same JVM (a MiniCluster running several) then failed with
 * "Trying to access closed classloader".
 *
 * <p>By name, not by reference: this module is also used by the query service, which has none of
 * these libraries on its class path; a class that is absent is skipped.
 */
public final class NativeLibraries {
  /** In order: JavaCPP's loader (it initialises {@code Pointer} in the same thread), then ND4J. */
  private static final List<String> CLASSES =
      List.of(
          "org.bytedeco.javacpp.Loader",
          "org.bytedeco.javacpp.Pointer",
          "org.nd4j.linalg.factory.Nd4j",
          "org.bytedeco.openblas.global.openblas");

  private static boolean loaded;

  private NativeLibraries() {}

  /** Initialises the native libraries on the class path if no caller has yet; thread-safe. */
  public static synchronized void load() {
    if (loaded) {
      return;
    }
    ClassLoader loader = NativeLibraries.class.getClassLoader();
    pinNd4jClassLoader(loader);
    for (String name : CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException absent) {
        // not on this class path: nothing of this program uses it
      }
    }
    loaded = true;
  }

  private static void pinNd4jClassLoader(ClassLoader loader) {
    try {
      Class<?> nd4j = Class.forName("org.nd4j.linalg.factory.Nd4j", false, loader);
      Class.forName("org.nd4j.common.config.ND4JClassLoading", true, loader)
          .getMethod("setNd4jClassloaderFromClass", Class.class)
          .invoke(null, nd4j);
    } catch (ClassNotFoundException absent) {
      // no ND4J on this class path
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ND4J's class loader could not be set", e);
    }
  }
}
