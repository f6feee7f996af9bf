package io.omniprep.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Outcomes come back in list order, and the items running ahead never weigh more than allowed. */
class LookaheadTest {
  @Test
  void outcomesInOrderAndTheWeightAheadBounded() {
    List<Long> weights = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      weights.add(i % 17 == 0 ? 900L : 10L + i % 7 * 20); // now and then one heavier than the bound alone
    }
    AtomicLong inFlight = new AtomicLong();
    AtomicLong mostInFlight = new AtomicLong();
    long bound = 300;
    List<Long> seen = new ArrayList<>();
    for (Lookahead.Outcome<Long> outcome : Lookahead.ordered(weights, 32, bound, w -> w, w -> {
      long now = inFlight.addAndGet(w);
      mostInFlight.accumulateAndGet(now, Math::max);
      Thread.sleep(1);
      inFlight.addAndGet(-w);
      return w;
    })) {
      seen.add(outcome.get(RuntimeException.class));
    }
    assertEquals(weights, seen);
    // The submitted-but-untaken items weigh at most the bound, or are the one heavy item alone.
    assertTrue(mostInFlight.get() <= Math.max(bound, 900), "in flight at most " + mostInFlight.get());
  }

  @Test
  void aHeavyItemAloneStillRuns() {
    List<Integer> out = new ArrayList<>();
    for (Lookahead.Outcome<Integer> outcome : Lookahead.ordered(List.of(1, 2, 3), 4, 1, i -> 1_000, i -> i * 2)) {
      out.add(outcome.get(RuntimeException.class));
    }
    assertEquals(List.of(2, 4, 6), out);
  }

  @Test
  void inlineRunsEachTaskInTheCallersThreadAndKeepsEachFailureWithItsItem() {
    Thread caller = Thread.currentThread();
    List<String> out = new ArrayList<>();
    for (Lookahead.Outcome<String> outcome : Lookahead.inline(List.of(1, 2, 3, 4), i -> {
      assertTrue(Thread.currentThread() == caller, "ran on " + Thread.currentThread().getName());
      if (i % 2 == 0) {
        throw new IOException("even " + i);
      }
      return "odd " + i;
    })) {
      try {
        out.add(outcome.get(IOException.class));
      } catch (IOException e) {
        out.add(e.getMessage());
      }
    }
    assertEquals(List.of("odd 1", "even 2", "odd 3", "even 4"), out);
    assertThrows(IllegalStateException.class, () -> Lookahead.inline(List.of(1), i -> {
      throw new IOException("unexpected");
    }).iterator().next().get(RuntimeException.class));
  }
}
