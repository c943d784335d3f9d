package org.nimbusmedia.server.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A publisher whose ping answer the test decides. */
final class FakePublisher implements StreamPublisher {
  final boolean alive;
  final List<String> takenOver = new ArrayList<>();

  FakePublisher(boolean alive) {
    this.alive = alive;
  }

  @Override
  public String describe() {
    return "fake";
  }

  @Override
  public CompletableFuture<Boolean> probeAlive(Duration timeout) {
    return CompletableFuture.completedFuture(alive);
  }

  @Override
  public void onTakenOver(String streamName) {
    takenOver.add(streamName);
  }
}
