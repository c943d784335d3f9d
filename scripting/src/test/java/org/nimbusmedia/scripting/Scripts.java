package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helpers: write an application folder, start its script, wait for results. */
final class Scripts {

  /** Generous: the build machine is shared and noisy; nothing here asserts a duration. */
  static final long WAIT_SECONDS = 20;

  private final List<ApplicationScript> started = new ArrayList<>();
  private final ScriptEngine engine;

  Scripts(ScriptingConfig config) {
    this.engine = new ScriptEngine(config);
  }

  Scripts() {
    this(ScriptingConfig.defaults().withMaxCallbackTime(Duration.ofSeconds(10)));
  }

  static Path write(Path folder, String file, String text) throws IOException {
    Path path = folder.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return path;
  }

  ApplicationScript start(FakeHost host) {
    ApplicationScript script = engine.start(host);
    started.add(script);
    return script;
  }

  /** Starts {@code main.asc} with the given text in a new folder under {@code root}. */
  ApplicationScript start(Path root, String mainAsc) throws IOException {
    Path folder = root.resolve("app");
    write(folder, "main.asc", mainAsc);
    return start(new FakeHost("app", "_definst_", folder));
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + WAIT_SECONDS + " s", e);
    }
  }

  /** The failure of a stage that must fail. */
  static Throwable failure(CompletionStage<?> stage) throws Exception {
    try {
      Object value = await(stage);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  static CallFailedException callFailure(CompletionStage<?> stage) throws Exception {
    return assertInstanceOf(CallFailedException.class, failure(stage));
  }

  /** Unloads every script started here. */
  void close() throws Exception {
    for (ApplicationScript script : started) {
      script.unload(UnloadReason.SHUTDOWN).toCompletableFuture().exceptionally(e -> true);
    }
  }
}
