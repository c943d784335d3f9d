package org.nimbusmedia.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * What every player does around its protocol's client: counts its start, success, failure and loss
 * in the run's {@link LoadStats}, and hands the frames it receives to its {@link Reception}.
 */
abstract class AbstractPlayer implements Player {
  protected final LoadStats stats;
  protected final Reception reception;
  private volatile boolean playing;

  AbstractPlayer(LoadStats stats) {
    this.stats = stats;
    this.reception = new Reception(stats);
  }

  /** Counts a start, and then success or failure when {@code play} (connect and play) completes. */
  protected final CompletableFuture<Void> track(CompletableFuture<?> play) {
    stats.subscribersStarted.increment();
    return play.handle(
        (ignored, error) -> {
          if (error != null) {
            stats.subscribersFailed.increment();
            stats.recordError("subscribe", error);
            closeConnection();
          } else {
            stats.subscribersConnected.increment();
            playing = true;
            connectionClosed().thenRun(this::lost);
          }
          return null;
        });
  }

  private void lost() {
    if (playing) {
      playing = false;
      stats.subscribersLost.increment();
      stats.recordError("subscriber lost", lostReason());
    }
  }

  /** Closes the client's connection. */
  protected abstract void closeConnection();

  /** Completes when the connection has closed, for any reason. */
  protected abstract CompletableFuture<Void> connectionClosed();

  protected abstract boolean isConnectionOpen();

  /** Why the connection ended, as well as the client knows. */
  protected abstract Throwable lostReason();

  @Override
  public boolean alive(long now, long windowNanos) {
    return playing && isConnectionOpen() && reception.recent(now, windowNanos);
  }

  @Override
  public boolean connected() {
    return playing && isConnectionOpen();
  }

  @Override
  public CompletableFuture<Void> stop() {
    playing = false;
    closeConnection();
    return connectionClosed();
  }
}
