package io.reasonflow.features.eval;

import java.util.List;

/**
 * Next-item results, full ranking, leave-last-out.
 *
 * @param rows one per method
 * @param users users evaluated (at least 3 events)
 * @param items candidate items (every item in the file)
 * @param blendWeight weight of item-kNN in the blend, chosen on the validation item
 * @param millis wall time of the whole evaluation
 * @param notes how each tuned method was configured, one line each
 */
public record EvalTable(
    List<Row> rows, int users, int items, double blendWeight, long millis, List<String> notes) {

  public EvalTable(List<Row> rows, int users, int items, double blendWeight, long millis) {
    this(
        rows,
        users,
        items,
        blendWeight,
        millis,
        List.of(
            String.format(
                "blend = %.1f * kNN/max(kNN) + %.1f * (cos+1)/2 (weight tuned on validation)",
                blendWeight, 1 - blendWeight)));
  }

  /**
   * @param validationNdcg10 NDCG@10 on the validation item (what tuning saw)
   */
  public record Row(String method, double hr10, double ndcg10, double validationNdcg10) {}

  public Row row(String method) {
    return rows.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
  }

  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "next-item, leave-last-out, full ranking over %,d items, %,d users, %.1f s%n",
            items, users, millis / 1000.0));
    sb.append(String.format("%-28s %8s %8s %10s%n", "method", "HR@10", "NDCG@10", "val NDCG"));
    for (Row r : rows) {
      sb.append(
          String.format(
              "%-28s %8.4f %8.4f %10.4f%n",
              r.method(), r.hr10(), r.ndcg10(), r.validationNdcg10()));
    }
    notes.forEach(n -> sb.append(n).append(System.lineSeparator()));
    return sb.toString();
  }
}
