package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.nimbusmedia.scripting.Scripts.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;

/**
 * The peer-ID lookup script of J. Vass, "Best practices for real-time collaboration using Flash
 * Media Server" (Adobe Developer Connection, 2010), run unchanged: clients register a user name in
 * {@code onConnect} and look up each other's RTMFP peer ID with a remote call.
 */
class SeedUserLookupTest {

  private static final String ALICE_PEER_ID =
      "3c5a4d4e1f0b9a7e6d5c4b3a29181716151413121110f0e0d0c0b0a090807060";

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  private ApplicationScript startSeed() throws Exception {
    Path folder = root.resolve("videomeeting");
    Files.createDirectories(folder);
    try (InputStream in = getClass().getResourceAsStream("/seed/main.asc")) {
      Files.write(folder.resolve("main.asc"), in.readAllBytes());
    }
    ApplicationScript script = scripts.start(new FakeHost("videomeeting", "_definst_", folder));
    await(script.started());
    return script;
  }

  @Test
  void secondClientLearnsFirstClientsPeerIdAndProtocol() throws Exception {
    ApplicationScript script = startSeed();
    FakeClient alice = new FakeClient("1", "rtmfp", ALICE_PEER_ID);
    FakeClient bob = new FakeClient("2", "rtmp", "");

    assertEquals(new ConnectDecision.Accept(), await(script.connect(alice, List.of("alice"))));
    assertEquals(new ConnectDecision.Accept(), await(script.connect(bob, List.of("bob"))));
    Object result = await(script.invoke(bob, "getRemoteId", List.of("alice")));

    AmfObject answer = assertInstanceOf(AmfObject.class, result);
    assertEquals("alice", answer.get("userName"));
    assertEquals(ALICE_PEER_ID, answer.get("farID"));
    assertEquals("rtmfp", answer.get("protocol"));
  }

  @Test
  void lookupOfUnknownUserFailsAsInFmsBecauseTheLoopReadsPastTheEnd() throws Exception {
    // The script's loop runs to i <= clients.length and reads clients[length].userName: a
    // TypeError for an unknown user, which the caller sees as NetConnection.Call.Failed.
    ApplicationScript script = startSeed();
    FakeClient bob = new FakeClient("2");
    await(script.connect(bob, List.of("bob")));

    CallFailedException failure =
        Scripts.callFailure(script.invoke(bob, "getRemoteId", List.of("carol")));

    assertEquals("NetConnection.Call.Failed", failure.code());
    assertEquals(true, failure.description().contains("TypeError"), failure.description());
  }
}
