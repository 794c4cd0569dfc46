package io.reasonflow.index.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reading wrk's report; running wrk itself is a measurement, not a test. */
class HttpLoadTest {
  private static final String REPORT = """
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
    assertThat(r.p99Millis()).isCloseTo(0.812, within(1e-9));  // units converted
    assertThat(r.requests()).isEqualTo(78612);
    assertThat(r.non2xx()).isEqualTo(3);
    assertThat(r.socketErrors()).isEqualTo(3);
  }
}
