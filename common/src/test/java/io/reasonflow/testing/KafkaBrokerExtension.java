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
 * Registered on a {@code static} field the broker starts before the first test and is closed after the last one
 * (tests should use distinct topic names). Registered on an instance field, each test method gets its own broker.
 * Test and lifecycle methods may also declare a {@link KafkaBroker} parameter.
 * For custom settings: {@code new KafkaBrokerExtension(() -> KafkaBroker.builder().config("k", "v"))}.
 */
public final class KafkaBrokerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Supplier<KafkaBroker.Builder> builder;
    private volatile KafkaBroker broker;
    private volatile boolean perMethod;

    public KafkaBrokerExtension() {
        this(KafkaBroker::builder);
    }

    public KafkaBrokerExtension(Supplier<KafkaBroker.Builder> builder) {
        this.builder = builder;
    }

    /** The running broker (only inside a test's lifecycle). */
    public KafkaBroker broker() {
        KafkaBroker b = broker;
        if (b == null) {
            throw new IllegalStateException("No broker: KafkaBrokerExtension is used outside a test, or was not "
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
        if (broker == null) {
            broker = builder.get().start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
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
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker();
    }
}
