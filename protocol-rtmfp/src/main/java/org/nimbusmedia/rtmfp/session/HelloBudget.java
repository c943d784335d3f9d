package org.nimbusmedia.rtmfp.session;

/**
 * How many bytes RHellos may exceed the IHellos they answer, over all unverified addresses
 * together: a token bucket refilled at a fixed rate and holding one second of it. A spoofed IHello
 * is answered at the address it claims, so without this bound a flood would be reflected at its
 * victim with the RHello's surplus (RFC 7016 section 3.5.1.2 leaves the bound to the
 * implementation). A reply no larger than its request costs nothing. Event loop only.
 */
final class HelloBudget {
  private final long ratePerSecond;
  private final long capacityMilli;

  /** Available surplus in byte-milliseconds, so that refills of a few milliseconds add up. */
  private long availableMilli;

  private long lastMillis;

  HelloBudget(int ratePerSecond, long nowMillis) {
    this.ratePerSecond = ratePerSecond;
    this.capacityMilli = ratePerSecond * 1000L;
    this.availableMilli = capacityMilli;
    this.lastMillis = nowMillis;
  }

  /** Whether a reply of {@code replySize} bytes to {@code requestSize} bytes may go; spends it. */
  boolean spend(int requestSize, int replySize, long nowMillis) {
    long surplus = (long) replySize - requestSize;
    if (surplus <= 0) {
      return true;
    }
    refill(nowMillis);
    if (surplus * 1000 > availableMilli) {
      return false;
    }
    availableMilli -= surplus * 1000;
    return true;
  }

  private void refill(long nowMillis) {
    long elapsed = nowMillis - lastMillis;
    if (elapsed <= 0) {
      return;
    }
    lastMillis = nowMillis;
    // Past a second the bucket is full anyway; the cap keeps the product from overflowing.
    availableMilli =
        Math.min(capacityMilli, availableMilli + Math.min(elapsed, 1000) * ratePerSecond);
  }
}
