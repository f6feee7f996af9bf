package io.omniprep.util;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Runs a task over a list on a shared pool, a bounded number of items ahead of the caller, and hands
 * the outcomes back in list order. A chunk-local step (validating a chunk's samples, reading the
 * media of the shard it writes) then uses every core even while the runner has fewer chunks left
 * than workers, and its output stays in record order whatever the timing. Written by hand because
 * the JDK's parallel streams neither bound how far they run ahead nor keep checked failures per
 * item.
 */
public final class Lookahead {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads());

  /** One item's work; may fail. */
  @FunctionalInterface
  public interface Task<T, R> {
    R apply(T item) throws Exception;
  }

  /** An item's result or its failure. */
  public record Outcome<R>(R value, Exception failure) {
    /** {@code task} run on {@code item}: its value, or its failure. */
    static <T, R> Outcome<R> of(Task<T, R> task, T item) {
      try {
        return new Outcome<>(task.apply(item), null);
      } catch (Exception e) {
        return new Outcome<>(null, e);
      }
    }

    /** The value, or the failure thrown as it was (checked failures of type {@code E} kept as such). */
    public <E extends Exception> R get(Class<E> expected) throws E {
      if (failure == null) {
        return value;
      }
      if (expected.isInstance(failure)) {
        throw expected.cast(failure);
      }
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(failure);
    }
  }

  private Lookahead() {}

  /**
   * The outcomes of {@code task} over {@code items}, in order, each run in the caller's thread as it
   * is taken: for tasks too cheap to hand to another thread (a few microseconds, e.g. a check that
   * opens no file), where the hand-over would cost more than the task.
   */
  public static <T, R> Iterable<Outcome<R>> inline(List<T> items, Task<T, R> task) {
    return () -> items.stream().map(item -> Outcome.of(task, item)).iterator();
  }

  /** The outcomes of {@code task} over {@code items}, in order, at most {@code window} running ahead. */
  public static <T, R> Iterable<Outcome<R>> ordered(List<T> items, int window, Task<T, R> task) {
    return ordered(items, window, Long.MAX_VALUE, item -> 0, task);
  }

  /**
   * The same, and the items running ahead also weigh at most {@code maxWeight} together (their
   * bytes, say: the memory they hold), except that one item always runs, however heavy.
   */
  public static <T, R> Iterable<Outcome<R>> ordered(List<T> items, int window, long maxWeight, ToLongFunction<T> weight,
      Task<T, R> task) {
    return () -> new Iterator<>() {
      private final ArrayDeque<CompletableFuture<Outcome<R>>> running = new ArrayDeque<>();
      private final ArrayDeque<Long> weights = new ArrayDeque<>();
      private long runningWeight;
      private int submitted;
      private int taken;

      private void fill() {
        while (submitted < items.size() && running.size() < window
            && (running.isEmpty() || runningWeight + weight.applyAsLong(items.get(submitted)) <= maxWeight)) {
          T item = items.get(submitted++);
          long w = weight.applyAsLong(item);
          weights.add(w);
          runningWeight += w;
          running.add(CompletableFuture.supplyAsync(() -> Outcome.of(task, item), POOL));
        }
      }

      @Override
      public boolean hasNext() {
        return taken < items.size();
      }

      @Override
      public Outcome<R> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        fill();
        CompletableFuture<Outcome<R>> first = running.poll();
        runningWeight -= weights.poll();
        taken++;
        try {
          Outcome<R> outcome = first.get();
          fill();
          return outcome;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    };
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "omniprep-lookahead-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
