package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.server.admin.PasswordHashes;
import org.nimbusmedia.server.config.AdminConfig;

class LauncherTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Launcher launcher =
      new Launcher(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          name -> null);

  @TempDir Path dir;

  @Test
  void helpListsOptionsAndExitsZero() {
    assertEquals(0, launcher.run("--help"));

    String help = out.toString(StandardCharsets.UTF_8);
    for (String option :
        new String[] {
          "--conf", "--apps", "--bind", "--rtmp-port", "--rtmps-port", "--admin-port"
        }) {
      assertTrue(help.contains(option), help);
    }
  }

  @Test
  void unknownOptionExitsTwo() {
    assertEquals(2, launcher.run("--frobnicate"));

    assertEquals(
        "nimbus: unknown option --frobnicate (see --help)\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badPortOptionExitsTwo() {
    assertEquals(2, launcher.run("--rtmp-port", "99999"));

    assertTrue(err.toString(StandardCharsets.UTF_8).contains("expected a port from 0 to 65535"));
  }

  @Test
  void brokenConfigFileExitsTwoWithKeyValueAndExpectation() throws Exception {
    Path conf = dir.resolve("nimbus.yaml");
    Files.writeString(conf, "limits:\n  maxChunkSize: 12\n");

    assertEquals(2, launcher.run("--conf", conf.toString()));

    assertEquals(
        "nimbus: configuration error: "
            + conf
            + ": limits.maxChunkSize: value 12 is invalid: expected an integer from 128 to"
            + " 2147483647\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void brokenApplicationSettingsExitTwoWithTheFileAndKey() throws Exception {
    Path apps = dir.resolve("apps");
    Files.createDirectories(apps.resolve("broken"));
    Path settings = apps.resolve("broken/Application.yaml");
    Files.writeString(settings, "applicationObjekt: {}\n");
    Path conf = dir.resolve("nimbus.yaml");
    Files.writeString(conf, "logging:\n  directory: " + dir.resolve("logs") + "\n");

    assertEquals(2, launcher.run("--conf", conf.toString(), "--apps", apps.toString()));

    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.startsWith("nimbus: configuration error: "), message);
    assertTrue(message.contains(settings.toString()), message);
    assertTrue(message.contains("applicationObjekt"), message);
  }

  @Test
  void missingConfigFileExitsTwo() {
    assertEquals(2, launcher.run("--conf", dir.resolve("absent.yaml").toString()));

    assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot be read"));
  }

  @Test
  void portOverridesReplaceConfiguredPorts() throws Exception {
    LaunchOptions options =
        LaunchOptions.parse("--rtmp-port", "0", "--admin-port", "1112", "--bind", "::1");

    var config =
        Launcher.withOverrides(org.nimbusmedia.server.config.NimbusConfig.defaults(), options);

    assertEquals(0, config.server().listeners().rtmp().port());
    assertEquals(1112, config.server().listeners().admin().port());
    assertEquals(8080, config.server().listeners().rtmpt().port());
    assertEquals("::1", config.server().listeners().rtmfp().bind());
  }

  @Test
  void commandLineOverridesKeepTheRtmpsListenerAndBindIt() throws Exception {
    var configured =
        org.nimbusmedia.server.config.NimbusConfig.defaults()
            .withServer(
                new org.nimbusmedia.server.config.ServerConfig(
                    org.nimbusmedia.server.config.ListenersConfig.defaults()
                        .withRtmps(
                            org.nimbusmedia.server.config.ListenersConfig.defaults()
                                .rtmps()
                                .withPort(8443)),
                    java.time.Duration.ofSeconds(5)));

    var config =
        Launcher.withOverrides(
            configured, LaunchOptions.parse("--rtmp-port", "0", "--bind", "::1"));

    assertEquals(8443, config.server().listeners().rtmps().port());
    assertEquals("::1", config.server().listeners().rtmps().bind());

    var moved = Launcher.withOverrides(configured, LaunchOptions.parse("--rtmps-port", "1443"));

    assertEquals(1443, moved.server().listeners().rtmps().port());
    assertEquals(8080, moved.server().listeners().rtmpt().port());
  }

  @Test
  void hashPasswordPrintsABcryptHashOfTheGivenPassword() {
    Launcher hashing =
        new Launcher(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            name -> null,
            "open sesame"::toCharArray);

    assertEquals(0, hashing.run("--hash-password"));

    String hash = out.toString(StandardCharsets.UTF_8).trim();
    assertTrue(PasswordHashes.matches(hash, "open sesame".toCharArray()), hash);
    // The printed hash is accepted as it is by the admin section of the config.
    new AdminConfig(Map.of("ops", hash), null, null);
  }

  @Test
  void bindOverridesLeaveTheAdminApiOnItsConfiguredAddress() throws Exception {
    var config =
        Launcher.withOverrides(
            org.nimbusmedia.server.config.NimbusConfig.defaults(),
            LaunchOptions.parse("--bind", "0.0.0.0", "--admin-port", "1112"));

    assertEquals("0.0.0.0", config.server().listeners().rtmp().bind());
    assertEquals("127.0.0.1", config.server().listeners().admin().bind());
    assertEquals(1112, config.server().listeners().admin().port());
  }
}
