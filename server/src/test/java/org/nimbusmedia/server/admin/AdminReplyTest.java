package org.nimbusmedia.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FMS answer shape in JSON and XML (fms4.md section 5.1). */
class AdminReplyTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:04:05Z");

  private static Map<String, Object> data() {
    Map<String, Object> io = new LinkedHashMap<>();
    io.put("msg_in", 12L);
    io.put("names", List.of("a<b", "c&d"));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("connected", 3);
    data.put("io", io);
    data.put("publisher", null);
    data.put("2nd key", true);
    return data;
  }

  @Test
  void successAsJson() {
    assertEquals(
        "{\"code\":\"NetConnection.Call.Success\",\"level\":\"status\","
            + "\"timestamp\":\"2026-11-21T03:04:05Z\",\"data\":{\"connected\":3,"
            + "\"io\":{\"msg_in\":12,\"names\":[\"a<b\",\"c&d\"]},\"publisher\":null,"
            + "\"2nd key\":true}}",
        AdminReply.success(data(), NOW).toJson());
  }

  @Test
  void successAsFmsXml() {
    assertEquals(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<result><level>status</level>"
            + "<code>NetConnection.Call.Success</code><timestamp>2026-11-21T03:04:05Z</timestamp>"
            + "<data><connected>3</connected><io><msg_in>12</msg_in><names><_0>a&lt;b</_0>"
            + "<_1>c&amp;d</_1></names></io><publisher></publisher><_2nd_key>true</_2nd_key>"
            + "</data></result>\n",
        AdminReply.success(data(), NOW).toXml());
  }

  @Test
  void errorsCarryADescriptionAndNoData() {
    AdminReply error = AdminReply.error("NetConnection.Call.BadValue", "Missing \"appInst\".", NOW);

    assertEquals(
        "{\"code\":\"NetConnection.Call.BadValue\",\"level\":\"error\","
            + "\"timestamp\":\"2026-11-21T03:04:05Z\",\"description\":\"Missing \\\"appInst\\\".\"}",
        error.toJson());
    assertEquals(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<result><level>error</level>"
            + "<code>NetConnection.Call.BadValue</code><timestamp>2026-11-21T03:04:05Z</timestamp>"
            + "<description>Missing &quot;appInst&quot;.</description></result>\n",
        error.toXml());
  }
}
