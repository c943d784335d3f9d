package org.nimbusmedia.scripting.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The script thread's last line of defence against a callback the JVM cannot give memory to. */
class ScriptThreadTest {

  @Test
  void anOutOfMemoryErrorStopsThatCallbackAndTheThreadGoesOn() throws Exception {
    ScriptThread thread =
        new ScriptThread(
            "oom", new SandboxContextFactory(false, 1 << 20), Duration.ofSeconds(10), null);
    List<ScriptError> reported = new CopyOnWriteArrayList<>();
    thread.setErrorListener((cx, error) -> reported.add(error));
    try {
      CompletableFuture<Object> bomb =
          thread.submit(
              cx -> {
                // What the JVM throws when one string doubling asks for more than the heap has.
                throw new OutOfMemoryError("Java heap space");
              });

      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> bomb.get(20, TimeUnit.SECONDS));
      ScriptFailure failure = assertInstanceOf(ScriptFailure.class, failed.getCause());
      assertTrue(failure.getMessage().contains("ran out of memory"), failure.getMessage());
      assertEquals(1, reported.size());
      assertTrue(reported.get(0).description().contains("runaway script"), reported.toString());
      assertEquals(1, thread.submit(cx -> 1).get(20, TimeUnit.SECONDS));
      assertEquals(1, thread.stats().errors());
    } finally {
      thread.stop();
    }
  }
}
