package io.reasonflow.bench.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The recall-versus-latency plot of one dataset: one curve per approximate engine, a point per beam
 * width. Up and to the left is better; the dashed lines mark the 0.95 recall and 1 ms targets.
 */
final class RecallPlot {
  private RecallPlot() {}

  static void write(List<BenchRow> rows, String dataset, int k, Path png) {
    System.setProperty("java.awt.headless", "true");
    Map<String, List<BenchRow>> byEngine = new LinkedHashMap<>();
    for (BenchRow r : rows) {
      if (r.dataset().equals(dataset) && r.ef() > 0) {
        byEngine.computeIfAbsent(r.engine(), e -> new ArrayList<>()).add(r);
      }
    }
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(600)
            .title("recall@" + k + " vs single-thread p50 latency: " + dataset)
            .xAxisTitle("p50 latency (ms, log)")
            .yAxisTitle("recall@" + k)
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    for (Map.Entry<String, List<BenchRow>> e : byEngine.entrySet()) {
      List<BenchRow> pts = e.getValue();
      double[] x = pts.stream().mapToDouble(r -> r.p50Micros() / 1e3).toArray();
      double[] y = pts.stream().mapToDouble(BenchRow::recall).toArray();
      for (double v : x) {
        minX = Math.min(minX, v);
        maxX = Math.max(maxX, v);
      }
      XYSeries s = chart.addSeries(e.getKey(), x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    if (maxX > 0) {
      XYSeries target =
          chart.addSeries(
              "recall 0.95", new double[] {minX, Math.max(maxX, 1.0)}, new double[] {0.95, 0.95});
      target.setMarker(SeriesMarkers.NONE);
      target.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
    }
    try {
      BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + png, e);
    }
  }
}
