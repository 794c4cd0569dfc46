package io.reasonflow.features.eval;

import io.reasonflow.features.seqrec.SeqRecTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Draws a sequential model's validation HR@10 by epoch into a PNG: where it peaks is the epoch
 * kept.
 */
final class ValidationCurve {
  private ValidationCurve() {}

  static void write(Path png, String title, List<SeqRecTrainer.Epoch> epochs) {
    System.setProperty(
        "java.awt.headless", "true"); // drawn off-screen, also on machines without a display
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle("validation HR@10 (full ranking)")
            .build();
    chart.addSeries(
        "validation HR@10",
        epochs.stream().map(SeqRecTrainer.Epoch::epoch).toList(),
        epochs.stream().map(SeqRecTrainer.Epoch::validation).toList());
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
}
