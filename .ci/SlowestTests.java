import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints the slowest test methods and test classes of a build from its surefire and failsafe XML reports
 * ({@code *}/target/{surefire,failsafe}-reports/TEST-*.xml under the given root), so a CI log shows where the time
 * goes. A class's time includes its set-up (a MiniCluster or broker started in @BeforeAll), which its methods' do
 * not. Usage: {@code java .ci/SlowestTests.java [ROOT [N]]} (defaults: the current directory, 10).
 */
public final class SlowestTests {
  record Timed(String name, double seconds, String report) {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    List<Timed> methods = new ArrayList<>();
    List<Timed> classes = new ArrayList<>();
    List<Path> reports;
    try (Stream<Path> files = Files.find(root, 4, (p, a) -> p.getFileName().toString().startsWith("TEST-")
        && p.getFileName().toString().endsWith(".xml") && p.getParent() != null
        && p.getParent().getFileName().toString().matches("(surefire|failsafe)-reports"))) {
      reports = files.sorted().toList();
    }
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    for (Path p : reports) {
      Document d = parse(f, p);
      if (d == null) {
        continue;
      }
      String kind = p.getParent().getFileName().toString().replace("-reports", "");
      Element suite = d.getDocumentElement();
      classes.add(new Timed(suite.getAttribute("name"), seconds(suite.getAttribute("time")), kind));
      NodeList cases = suite.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        methods.add(new Timed(shortClass(c.getAttribute("classname")) + "." + c.getAttribute("name"),
            seconds(c.getAttribute("time")), kind));
      }
    }
    if (reports.isEmpty()) {
      System.out.println("CI: no test reports under " + root.toAbsolutePath());
      return;
    }
    print("slowest tests", methods, n);
    print("slowest test classes (set-up included)", classes, n);
  }

  private static Document parse(DocumentBuilderFactory f, Path p) {
    try {
      return f.newDocumentBuilder().parse(p.toFile());
    } catch (Exception e) { // a report cut short by a killed JVM: say so, and go on with the others
      System.out.println("CI: skipping unreadable report " + p + ": " + e.getMessage());
      return null;
    }
  }

  private static void print(String title, List<Timed> all, int n) {
    double total = all.stream().mapToDouble(Timed::seconds).sum();
    System.out.printf(Locale.ROOT, "CI: %d %s of %d (%.0f s in all):%n", Math.min(n, all.size()), title, all.size(),
        total);
    all.stream().sorted(Comparator.comparingDouble(Timed::seconds).reversed()).limit(n)
        .forEach(t -> System.out.printf(Locale.ROOT, "  %8.1f s  %-8s %s%n", t.seconds(), t.report(), t.name()));
  }

  private static double seconds(String s) {
    try {
      return s.isBlank() ? 0 : Double.parseDouble(s.replace(",", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String shortClass(String fqcn) {
    return fqcn.substring(fqcn.lastIndexOf('.') + 1);
  }
}
