package io.reasonflow.reasons.decoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Draws training and held-out loss by epoch into a PNG, so a run can be judged at a glance. */
public final class LossCurve {
  private LossCurve() {}

  public static void write(Path png, String title, List<Double> train, List<Double> heldOut) {
    System.setProperty(
        "java.awt.headless", "true"); // drawn off-screen, also on machines without a display
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle("cross-entropy per token (nats)")
            .build();
    chart.addSeries("training", epochs(train.size()), train);
    if (!heldOut.isEmpty() && heldOut.stream().noneMatch(d -> d.isNaN())) {
      chart.addSeries("held out", epochs(heldOut.size()), heldOut);
    }
    try {
      String name = png.toString();
      BitmapEncoder.saveBitmap(
          chart,
          name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
          BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + png, e);
    }
  }

  private static List<Integer> epochs(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }
}
