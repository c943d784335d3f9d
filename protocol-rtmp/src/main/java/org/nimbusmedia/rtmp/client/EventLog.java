package org.nimbusmedia.rtmp.client;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A bounded queue of events that callers take from by predicate: {@link #next} takes the oldest
 * unconsumed event that matches, or waits for one. Events that nobody takes are kept until the
 * capacity is reached, then the oldest is dropped. Thread-safe; waiters' futures complete on the
 * thread that adds the event, outside the lock.
 */
final class EventLog<T> {

  private record Waiter<T>(Predicate<? super T> predicate, CompletableFuture<T> future) {}

  private final int capacity;
  private final ArrayDeque<T> events = new ArrayDeque<>();
  private final List<Waiter<T>> waiters = new ArrayList<>();
  private long dropped;
  private Throwable closedCause;

  EventLog(int capacity) {
    this.capacity = capacity;
  }

  /** Hands the event to the oldest matching waiter, or keeps it. */
  void add(T event) {
    CompletableFuture<T> taker = null;
    synchronized (this) {
      for (Iterator<Waiter<T>> it = waiters.iterator(); it.hasNext(); ) {
        Waiter<T> waiter = it.next();
        if (waiter.future.isDone()) {
          it.remove();
        } else if (waiter.predicate.test(event)) {
          it.remove();
          taker = waiter.future;
          break;
        }
      }
      if (taker == null) {
        events.addLast(event);
        if (events.size() > capacity) {
          events.removeFirst();
          dropped++;
        }
      }
    }
    if (taker != null) {
      taker.complete(event);
    }
  }

  /**
   * Takes the oldest kept event that matches, or the next one to arrive; fails if none is kept and
   * none can arrive any more.
   */
  CompletableFuture<T> next(Predicate<? super T> predicate) {
    synchronized (this) {
      for (Iterator<T> it = events.iterator(); it.hasNext(); ) {
        T event = it.next();
        if (predicate.test(event)) {
          it.remove();
          return CompletableFuture.completedFuture(event);
        }
      }
      if (closedCause != null) {
        return CompletableFuture.failedFuture(closedCause);
      }
      CompletableFuture<T> future = new CompletableFuture<>();
      waiters.add(new Waiter<>(predicate, future));
      return future;
    }
  }

  /**
   * Fails every waiter and every later wait that finds no kept event: the connection has closed and
   * no more events will come.
   */
  void failWaiters(Throwable cause) {
    List<Waiter<T>> failed;
    synchronized (this) {
      closedCause = cause;
      failed = new ArrayList<>(waiters);
      waiters.clear();
    }
    failed.forEach(waiter -> waiter.future.completeExceptionally(cause));
  }

  /** A snapshot of the kept events, oldest first. */
  synchronized List<T> snapshot() {
    return List.copyOf(events);
  }

  /** How many events were dropped because nobody took them. */
  synchronized long dropped() {
    return dropped;
  }

  /**
   * Blocks until a matching event is there. For tests and tools; refuses to run on a thread of
   * {@code group}, where it would stall the connections of that loop.
   *
   * @throws TimeoutException if none arrives within {@code timeout}; the event, should it come
   *     later, stays in the log
   */
  T await(Predicate<? super T> predicate, Duration timeout, String what, EventLoopGroup group)
      throws TimeoutException, InterruptedException {
    requireNotEventLoop(group);
    CompletableFuture<T> future = next(predicate);
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      synchronized (this) {
        waiters.removeIf(waiter -> waiter.future == future);
      }
      if (future.isDone() && !future.isCompletedExceptionally()) {
        return future.join();
      }
      throw new TimeoutException("no " + what + " within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "no " + what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Throws if the calling thread belongs to {@code group}. */
  static void requireNotEventLoop(EventLoopGroup group) {
    for (EventExecutor executor : group) {
      if (executor.inEventLoop()) {
        throw new IllegalStateException("blocking wait on an event loop thread");
      }
    }
  }
}
