package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serve.* keys: safe defaults, the admin token from a file or the environment, refused values
 * named.
 */
class ServeSettingsTest {
  @TempDir Path dir;

  private static ServeSettings read(Map<String, String> keys, Map<String, String> env) {
    return ServeSettings.from(Config.load(null, keys), env);
  }

  @Test
  void defaultsAreLoopbackNoAdminNoCorsAndARateLimit() {
    ServeSettings s = read(Map.of(), Map.of());
    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.adminToken()).isNull();
    assertThat(s.corsAllowedOrigins()).isEmpty();
    assertThat(s.limits().ratePerSecond()).isEqualTo(50);
    assertThat(s.limits().maxQueued()).isEqualTo(64);
    assertThat(s.limits().maxWait()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.limits().maxConcurrent()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theServiceDisclosesNoCoViewCountTheReasonsWouldNotQuote() {
    assertThat(
            read(Map.of(), Map.of())
                .applyTo(io.reasonflow.query.QueryServerConfig.of(dir, 0))
                .minCoViewShoppers())
        .isEqualTo(5);
    assertThat(
            read(Map.of("reasons.privacy.min-shoppers", "9"), Map.of())
                .applyTo(io.reasonflow.query.QueryServerConfig.of(dir, 0))
                .minCoViewShoppers())
        .isEqualTo(9);
  }

  @Test
  void theAdminTokenComesFromTheFileBeforeTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "from-the-file-0123456789\n");
    assertThat(
            read(
                    Map.of("serve.admin-token-file", file.toString()),
                    Map.of(ServeSettings.TOKEN_ENV, "from-the-environment-0123"))
                .adminToken())
        .isEqualTo("from-the-file-0123456789");
    assertThat(
            read(Map.of(), Map.of(ServeSettings.TOKEN_ENV, "from-the-environment-0123"))
                .adminToken())
        .isEqualTo("from-the-environment-0123");
  }

  @Test
  void aShortOrMissingTokenIsOneClearError() {
    assertThatThrownBy(() -> read(Map.of(), Map.of(ServeSettings.TOKEN_ENV, "secret")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("REASONFLOW_ADMIN_TOKEN")
        .hasMessageContaining("16");
    assertThatThrownBy(
            () -> read(Map.of("serve.admin-token-file", dir.resolve("nope").toString()), Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("serve.admin-token-file")
        .hasMessageContaining("nope");
  }

  @Test
  void corsOriginsAreCheckedOneByOne() {
    assertThat(
            read(
                    Map.of(
                        "serve.cors.allowed-origins",
                        "https://shop.example, http://localhost:3000"),
                    Map.of())
                .corsAllowedOrigins())
        .containsExactly("https://shop.example", "http://localhost:3000");
    assertThatThrownBy(
            () -> read(Map.of("serve.cors.allowed-origins", "https://shop.example/page"), Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("serve.cors.allowed-origins")
        .hasMessageContaining("https://shop.example/page");
    assertThatThrownBy(() -> read(Map.of("serve.cors.allowed-origins", "*"), Map.of()))
        .isInstanceOf(UserError.class);
  }
}
