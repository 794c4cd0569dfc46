package io.reasonflow.bench.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reading wrk's report; running wrk itself is a measurement, not a test. */
class HttpLoadTest {
  private static final String REPORT =
      """
      Running 10s test @ http://127.0.0.1:40123
        2 threads and 16 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     2.10ms    1.30ms  40.11ms   91.02%
          Req/Sec     3.95k   310.12     4.60k    70.50%
        Latency Distribution
           50%    1.85ms
           75%    2.40ms
           90%    3.10ms
           99%  812.00us
        78612 requests in 10.00s, 95.21MB read
        Socket errors: connect 0, read 2, write 0, timeout 1
        Non-2xx or 3xx responses: 3
      Requests/sec:   7860.42
      Transfer/sec:      9.52MB
      """;

  @Test
  void parsesThroughputPercentilesAndErrors() {
    HttpLoad.Result r = HttpLoad.parse(REPORT);
    assertThat(r.requestsPerSecond()).isCloseTo(7860.42, within(1e-9));
    assertThat(r.p50Millis()).isCloseTo(1.85, within(1e-9));
    assertThat(r.p99Millis()).isCloseTo(0.812, within(1e-9)); // units converted
    assertThat(r.requests()).isEqualTo(78612);
    assertThat(r.non2xx()).isEqualTo(3);
    assertThat(r.socketErrors()).isEqualTo(3);
  }

  @Test
  void calibrationTakesTheResponseTimeOutOfTheSpacing() {
    // 16 connections at 8 ms spacing achieved 1,600/s: a cycle of 10 ms, so requests took 2 ms; 6
    // ms offers 2,000
    assertThat(HttpLoad.calibrate(8, 16, 2000, 1600)).isCloseTo(6.0, within(1e-9));
    // a server slower than the rate allows: no negative spacing
    assertThat(HttpLoad.calibrate(8, 16, 2000, 100)).isZero();
    assertThat(HttpLoad.calibrate(8, 16, 2000, 0)).isEqualTo(8);
  }

  @Test
  void pacedScriptCarriesTheFractionOfAMillisecond() throws Exception {
    java.nio.file.Path f = HttpLoad.writeScript(java.util.List.of("a b", "q\"x"), 7.25);
    try {
      String lua = java.nio.file.Files.readString(f);
      assertThat(lua)
          .contains("\"/v1/items/a%20b/similar?k=10\"")
          .contains("local spacing = 7.2500")
          .contains("delay = function()");
    } finally {
      java.nio.file.Files.delete(f);
    }
    java.nio.file.Path flat = HttpLoad.writeScript(java.util.List.of("a"), 0);
    try {
      assertThat(java.nio.file.Files.readString(flat)).doesNotContain("delay");
    } finally {
      java.nio.file.Files.delete(flat);
    }
  }
}
