package org.nimbusmedia.scripting;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.scripting.host.ClientHandle;

/** A connection as the server would give it, recording what the script sends to it. */
class FakeClient implements ClientHandle {

  /** One {@code client.call} the script made. */
  record Call(String method, List<Object> args, CallResultListener listener) {}

  private final String id;
  private final String protocol;
  private final String farId;
  final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  final CountDownLatch disconnected = new CountDownLatch(1);
  volatile boolean toldOfShutdown;

  FakeClient(String id) {
    this(id, "rtmp", "");
  }

  FakeClient(String id, String protocol, String farId) {
    this.id = id;
    this.protocol = protocol;
    this.farId = farId;
  }

  /** The next call the script made, waiting for it. */
  Call nextCall() throws InterruptedException {
    Call call = calls.poll(Scripts.WAIT_SECONDS, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("the script made no call to client " + id);
    }
    return call;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String ip() {
    return "192.0.2.7";
  }

  @Override
  public String agent() {
    return "WIN 10,0,45,2";
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public String referrer() {
    return "http://example.com/app.swf";
  }

  @Override
  public String pageUrl() {
    return "http://example.com/index.html";
  }

  @Override
  public String uri() {
    return "rtmp://localhost/test";
  }

  @Override
  public String farId() {
    return farId;
  }

  @Override
  public void call(String method, List<Object> args, CallResultListener listener) {
    calls.add(new Call(method, args, listener));
  }

  @Override
  public boolean ping() {
    return true;
  }

  @Override
  public Map<String, Object> stats() {
    return Map.of("bytes_in", 10.0, "bytes_out", 20.0);
  }

  @Override
  public long bandwidthLimit(int direction) {
    return direction == 0 ? 1000 : 2000;
  }

  @Override
  public void setBandwidthLimit(long serverToClient, long clientToServer) {}

  @Override
  public void checkBandwidth() {}

  @Override
  public void disconnect() {
    disconnected.countDown();
  }

  @Override
  public void disconnectForShutdown() {
    toldOfShutdown = true;
    disconnect();
  }
}
