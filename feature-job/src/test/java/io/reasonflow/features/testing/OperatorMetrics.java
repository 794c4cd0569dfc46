package io.reasonflow.features.testing;

import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * The metrics an operator under a test harness registers, readable by name. A harness's default
 * environment hands operators an unregistered metric group (counters are created and dropped), so
 * the documented metrics could not be asserted; this task group gives every operator one
 * intercepting group instead.
 */
public final class OperatorMetrics extends InterceptingTaskMetricGroup {
  private final InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();

  @Override
  public InternalOperatorMetricGroup getOrAddOperator(
      OperatorID id, String name, Map<String, String> variables) {
    return operator;
  }

  /** A mock task environment whose operators register their metrics here. */
  public MockEnvironment environment() {
    return new MockEnvironmentBuilder().setMetricGroup(this).build();
  }

  /** The operator metric group itself, for code that takes a {@code MetricGroup} directly. */
  public InterceptingOperatorMetricGroup group() {
    return operator;
  }

  public long count(String name) {
    Metric m = operator.get(name);
    if (!(m instanceof Counter c)) {
      throw new AssertionError("no counter named " + name + " was registered (found " + m + ")");
    }
    return c.getCount();
  }

  public Object gauge(String name) {
    Metric m = operator.get(name);
    if (!(m instanceof Gauge<?> g)) {
      throw new AssertionError("no gauge named " + name + " was registered (found " + m + ")");
    }
    return g.getValue();
  }
}
