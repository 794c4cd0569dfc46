package io.reasonflow.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension running one real {@link KafkaBroker} per test class.
 *
 * <pre>{@code
 * class MyJobITCase {
 *     @RegisterExtension
 *     static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 *
 *     @Test
 *     void roundTrip() {
 *         KAFKA.broker().createTopic("in", 2);
 *         ... KAFKA.bootstrapServers() ...
 *     }
 * }
 * }</pre>
 *
 * Registered on a {@code static} field the broker starts before the first test and is closed after
 * the last one (tests should use distinct topic names). Registered on an instance field, each test
 * method gets its own broker. Test and lifecycle methods may also declare a {@link KafkaBroker}
 * parameter. For custom settings: {@code new KafkaBrokerExtension(() ->
 * KafkaBroker.builder().config("k", "v"))}.
 *
 * <p>{@link #sharedPerJvm} gives the test classes of one JVM (failsafe runs a module's ITCases in
 * one) a single broker: started by the first class that needs it, closed when the JVM's last test
 * has run.
 */
public final class KafkaBrokerExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private static final ExtensionContext.Namespace SHARED =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class, "shared");

  private final Supplier<KafkaBroker.Builder> builder;
  private final boolean shared;
  private volatile KafkaBroker broker;
  private volatile boolean perMethod;

  public KafkaBrokerExtension() {
    this(KafkaBroker::builder);
  }

  public KafkaBrokerExtension(Supplier<KafkaBroker.Builder> builder) {
    this(builder, false);
  }

  private KafkaBrokerExtension(Supplier<KafkaBroker.Builder> builder, boolean shared) {
    this.builder = builder;
    this.shared = shared;
  }

  /**
   * One broker for every test class of this JVM that registers a shared extension (on a static
   * field): a broker start less per class. The first class's {@code builder} wins, so only classes
   * wanting the same settings should share; each must use topic, group and transactional-id names
   * of its own, and none may stop or restart the broker. The broker is closed with JUnit's root
   * context, after the JVM's last test.
   */
  public static KafkaBrokerExtension sharedPerJvm(Supplier<KafkaBroker.Builder> builder) {
    return new KafkaBrokerExtension(builder, true);
  }

  /** The running broker (only inside a test's lifecycle). */
  public KafkaBroker broker() {
    KafkaBroker b = broker;
    if (b == null) {
      throw new IllegalStateException(
          "No broker: KafkaBrokerExtension is used outside a test, or was not "
              + "registered with @RegisterExtension");
    }
    return b;
  }

  /** Shortcut for {@code broker().bootstrapServers()}. */
  public String bootstrapServers() {
    return broker().bootstrapServers();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (shared) {
      // the root store closes what it holds (KafkaBroker is AutoCloseable) when the whole run ends
      broker =
          context
              .getRoot()
              .getStore(SHARED)
              .computeIfAbsent(KafkaBroker.class, k -> builder.get().start(), KafkaBroker.class);
      return;
    }
    if (broker == null) {
      broker = builder.get().start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (shared) {
      broker = null; // the root store closes it after the last class
      return;
    }
    closeBroker();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (broker == null) { // registered on an instance field: beforeAll is not called
      perMethod = true;
      broker = builder.get().start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perMethod) {
      closeBroker();
    }
  }

  private void closeBroker() {
    KafkaBroker b = broker;
    broker = null;
    if (b != null) {
      b.close();
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return broker();
  }
}
