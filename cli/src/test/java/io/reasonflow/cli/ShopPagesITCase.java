package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.query.QueryServer;
import io.reasonflow.query.QueryServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shop pages in a real browser (Debian's headless Chromium through Selenium and chromedriver)
 * against the real service on the demo's real index, profiles and stored recommendations: search, a
 * product with its similar-items rail and a reason's evidence, a shopper's recommendations, the
 * locale switch and the operator view. Every page is checked with axe-core (serious and critical
 * findings fail), and any console error or failed request fails the test. Screenshots land in
 * {@code target/shop-pages/}; the product page's time to first render is printed, not asserted.
 *
 * <p>Skips when no Chromium is installed, except in CI ({@code CI=true}), where {@code .ci/run}
 * installs it and a missing browser is a failure.
 */
class ShopPagesITCase {
  static final Path CHROMIUM = Path.of(System.getProperty("rf.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("rf.chromedriver", "/usr/bin/chromedriver"));
  static final Duration WAIT = Duration.ofSeconds(20);
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Title words of the demo catalogue that many items share, so a search has more than one page of
   * hits.
   */
  static final String QUERY = "nail polish";

  @TempDir static Path out;
  static QueryServer server;
  static String base;
  static Path shots;
  static WebDriver driver;
  static String axeSource;
  static Path recommendations;
  static FeatureLayout demoLayout;
  static int minShoppers;

  /**
   * The service on the Instruments catalogue's index (brands and categories), started by the first
   * test needing it.
   */
  static QueryServer instruments;

  @BeforeAll
  static void startServiceAndBrowser() throws IOException {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && ci) {
      throw new AssertionError(
          "CI=true but "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: .ci/run installs "
              + "them with apt-get install chromium chromium-driver");
    }
    Assumptions.assumeTrue(
        present,
        "no browser: "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " are needed (apt-get install "
            + "chromium chromium-driver); the shop-page browser tests are skipped");

    Path root = Path.of(System.getProperty("rf.repo.root", ".."));
    Path demo = demoOutput(root);
    FeatureLayout layout = new FeatureLayout(demo.resolve("features"));
    demoLayout = layout;
    recommendations =
        demo.resolve(io.reasonflow.reasons.ReasonBatchJob.RECOMMENDATIONS_DIR); // the parts
    // the threshold the demo's reasons obey, applied by the service as ./reasonflow serve applies
    // it
    minShoppers = demoConfig(root).integer("reasons.privacy.min-shoppers", 1, Integer.MAX_VALUE);
    server =
        QueryServer.start(
            QueryServerConfig.of(layout.index(), 0)
                .withHost("127.0.0.1")
                .withProfiles(layout.profiles())
                .withRecommendations(recommendations)
                .withMinCoViewShoppers(minShoppers));
    base = "http://127.0.0.1:" + server.port();
    shots = root.resolve("cli/target/shop-pages");
    Files.createDirectories(shots);
    axeSource = axeScript();
    driver = startChromium(out.resolve("chromium-profile"));
  }

  /**
   * The demo's outputs: those of a finished {@code ./reasonflow demo --out DIR} when {@code
   * -Drf.shop-pages.demo=DIR} names one (to rerun the browser part in seconds), else this JVM's
   * {@link DemoRun} (about a minute the first time; {@link DemoAcceptanceITCase} reads the same
   * run).
   */
  static Path demoOutput(Path root) {
    String given = System.getProperty("rf.shop-pages.demo", "");
    if (!given.isBlank()) {
      return Path.of(given);
    }
    return DemoRun.get().out;
  }

  static Config demoConfig(Path root) {
    return Config.load(root.resolve("samples/amazon-beauty-2014/demo.properties"), Map.of());
  }

  /**
   * axe.min.js as Deque's com.deque.html.axe-core:selenium jar bundles it (the root pom's
   * axe-core-maven.version).
   */
  static String axeScript() throws IOException {
    try (InputStream in = ShopPagesITCase.class.getResourceAsStream("/axe.min.js")) {
      if (in == null) {
        throw new AssertionError(
            "axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Headless, no sandbox (root in CI), and none of Chromium's own network traffic: the machine has
   * no internet.
   */
  static WebDriver startChromium(Path profile) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--window-size=1280,900",
        "--lang=en-US",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    // the driver's path is given, so Selenium Manager (which would try to download one) never runs
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, o);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (instruments != null) {
      instruments.close();
    }
  }

  /**
   * Each test starts in English from a fresh page load (a hash change alone would keep the last
   * test's page).
   */
  @BeforeEach
  void englishAndCleanLog() {
    driver.get(base + "/");
    js("localStorage.setItem('rf.locale', 'en')");
    driver.get("about:blank");
    driver.manage().logs().get(LogType.BROWSER); // reading the log empties it
  }

  @AfterEach
  void noConsoleErrorsNorFailedRequests() {
    assertThat(severe()).as("console errors").isEmpty();
    assertThat(failedRequests()).as("requests answered >= 400 or not at all").isEmpty();
  }

  @Test
  void searchShowsAPageOfProductsWithoutFacetsTheCatalogueLacksAndPagesOn() throws IOException {
    open("/#/search?q=" + QUERY.replace(" ", "+"));
    List<WebElement> cards = waitAll("#results > li");
    assertThat(cards).hasSizeBetween(2, 12);
    assertThat(cards.get(0).getText()).isNotBlank();
    // the demo catalogue has titles only: no brand, category or price facet to offer
    assertThat(driver.findElements(By.cssSelector(".facets"))).isEmpty();
    List<WebElement> pages = driver.findElements(By.cssSelector(".pager a[rel=next]"));
    if (!pages.isEmpty()) {
      String first = cards.get(0).getText();
      pages.get(0).click();
      wait(d -> d.getCurrentUrl().contains("page=2"));
      assertThat(waitAll("#results > li").get(0).getText()).isNotEqualTo(first);
      driver.navigate().back();
      waitAll("#results > li");
    }
    shot("search");
    assertAccessible("search");
  }

  @Test
  void aQueryWithoutMatchesSaysSo() {
    open("/#/search?q=qqqxyzzyqqq");
    WebElement empty = waitOne(".state.empty");
    assertThat(empty.getText()).contains("No products match").contains("qqqxyzzyqqq");
    assertAccessible("no results");
  }

  @Test
  void aProductShowsItsRailAndAReasonsEvidenceOpensFromTheKeyboard() throws IOException {
    open("/#/search?q=" + QUERY.replace(" ", "+"));
    WebElement first = waitAll("#results > li a.card-link").get(0);
    String title = first.findElement(By.cssSelector(".card-title")).getText();
    first.click();
    WebElement h1 = waitOne("#product h1");
    assertThat(h1.getText()).isEqualTo(title);
    List<WebElement> rail = waitAll("#similar > li");
    assertThat(rail).isNotEmpty();

    WebElement details = rail.get(0).findElement(By.cssSelector("details.evidence"));
    assertThat(details.getAttribute("open")).isNull();
    WebElement summary = details.findElement(By.tagName("summary"));
    js("arguments[0].focus()", summary);
    summary.sendKeys(Keys.ENTER);
    wait(d -> details.getAttribute("open") != null);
    String evidence = details.findElement(By.tagName("dl")).getText();
    assertThat(evidence).contains("Embedding cosine").contains("embedding cosine");
    double cosine = Double.parseDouble(details.findElement(By.cssSelector("dd")).getText());
    assertThat(cosine).isBetween(-1.0, 1.0);
    shot("product");
    assertAccessible("product");
  }

  @Test
  void productPageFirstRender() throws IOException {
    open("/#/search?q=" + QUERY.replace(" ", "+"));
    String href = waitAll("#results > li a.card-link").get(0).getAttribute("href");
    List<Double> ms = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      driver.get("about:blank");
      driver.get(href);
      waitAll("#similar > li");
      // from navigation start to the product and its rail in the DOM: the page, its scripts and
      // both API calls
      ms.add(
          ((Number) js("return performance.getEntriesByName('rf-product-rendered')[0].startTime"))
              .doubleValue());
      // where the time goes: the document, then each resource as [start-end ms, bytes over the wire
      // (0: cache)]
      parts.add(
          (String)
              js(
                  "const n = performance.getEntriesByType('navigation')[0];"
                      + "const r = performance.getEntriesByType('resource').map(e => `${e.name.replace(location.origin, '')"
                      + ".replace(/\\?v=\\w+/, '')} ${Math.round(e.startTime)}-${Math.round(e.responseEnd)} ${e.transferSize}B`);"
                      + "return `html ${Math.round(n.responseEnd)}, DOMContentLoaded ${Math.round(n.domContentLoadedEventEnd)}; `"
                      + " + r.join(', ')"));
    }
    String load = Files.readString(Path.of("/proc/loadavg")).strip();
    String line =
        String.format(
            Locale.ROOT,
            "product page first render (ms from navigation start, 5 cold loads, demo "
                + "index): %s; median %.0f; load average %s; per load: %s",
            ms.stream().map(Math::round).toList(),
            ms.stream().sorted().toList().get(2),
            load,
            parts);
    System.out.println(line);
    Files.writeString(shots.resolve("product-first-render.txt"), line + System.lineSeparator());
  }

  @Test
  void forYouShowsAShoppersRecentItemsAndReasonsWithTheirClaims() throws IOException {
    open("/#/for-you");
    waitAll("#recent > li");
    List<WebElement> recs = waitAll("#recs > li");
    String shopper =
        new Select(driver.findElement(By.id("shopper"))).getFirstSelectedOption().getText();
    assertThat(recs).hasSize(storedCount(shopper));
    JsonNode stored = firstStored(shopper);
    assertThat(recs.get(0).findElement(By.cssSelector(".reason-text")).getText())
        .isEqualTo(stored.get("reason").asText());

    WebElement details = recs.get(0).findElement(By.cssSelector("details.evidence"));
    details.findElement(By.tagName("summary")).click();
    wait(d -> details.getAttribute("open") != null);
    String claims = details.getText();
    assertThat(claims)
        .contains("Co-view count")
        .contains(claim(stored, "CoViewCountClaim").get("count").asText());
    assertThat(claims).contains(claim(stored, "AnchorClaim").get("itemId").asText());
    shot("for-you");
    assertAccessible("for you");

    List<WebElement> options = new Select(driver.findElement(By.id("shopper"))).getOptions();
    assertThat(options).hasSizeGreaterThanOrEqualTo(3);
    String second =
        options.get(1).getAttribute("value"); // read before the page is rebuilt for that shopper
    new Select(driver.findElement(By.id("shopper"))).selectByIndex(1);
    wait(d -> d.getCurrentUrl().endsWith("/for-you/" + second));
    wait(
        d ->
            second.equals(
                new Select(d.findElement(By.id("shopper"))).getFirstSelectedOption().getText()));
    assertThat(waitAll("#recs > li")).hasSize(storedCount(second));
  }

  @Test
  void theLocaleSwitchRewritesTheChromeAndTheRailsReasons() throws IOException {
    open("/#/search?q=" + QUERY.replace(" ", "+"));
    waitAll("#results > li a.card-link").get(0).click();
    waitAll("#similar > li");
    new Select(driver.findElement(By.id("locale"))).selectByValue("zh-CN");
    wait(d -> "zh-CN".equals(js("return document.documentElement.lang")));
    assertThat(waitOne("#also-h").getText()).isEqualTo("顾客还看了");
    assertThat(driver.findElement(By.cssSelector("header nav")).getText()).contains("为你推荐", "运维视图");
    assertThat(waitAll("#similar > li .reason p").get(0).getText()).matches(".*(位顾客|相似).*");
    shot("product-zh-CN");
    assertAccessible("product zh-CN");
    driver.navigate().refresh();
    assertThat(waitOne("#also-h").getText()).as("the choice survives a reload").isEqualTo("顾客还看了");
  }

  @Test
  void theLocaleSwitchShowsTheStoredReasonsTheReasonJobVerifiedInThatLanguage() throws IOException {
    open("/#/for-you");
    List<WebElement> recs = waitAll("#recs > li");
    String shopper =
        new Select(driver.findElement(By.id("shopper"))).getFirstSelectedOption().getText();
    JsonNode stored = firstStored(shopper);
    String other = stored.get("locale").asText().equals("en") ? "zh-CN" : "en";
    JsonNode inOther = stored.path("otherLocales").path(other);
    assertThat(inOther.isObject())
        .as("the demo writes every reason in en and zh-CN (reasons.locales): %s", stored)
        .isTrue();
    assertThat(recs.get(0).findElement(By.cssSelector(".reason-text")).getText())
        .isEqualTo(stored.get("reason").asText());

    new Select(driver.findElement(By.id("locale"))).selectByValue(other);
    wait(
        d ->
            inOther
                .get("reason")
                .asText()
                .equals(d.findElement(By.cssSelector("#recs > li .reason-text")).getText()));
    WebElement first = waitAll("#recs > li").get(0);
    assertThat(first.findElement(By.cssSelector(".reason-text")).getAttribute("lang"))
        .isEqualTo(other);
    assertThat(first.findElements(By.cssSelector(".note")))
        .as("no 'written in another language' note")
        .isEmpty();
    WebElement details = first.findElement(By.cssSelector("details.evidence"));
    details.findElement(By.tagName("summary")).click();
    wait(d -> details.getAttribute("open") != null);
    // the claims shown are the ones verified in that language: their phrases are that language's
    for (JsonNode c : inOther.get("claims")) {
      if (c.hasNonNull("rendered")) {
        assertThat(details.getText()).contains(c.get("rendered").asText());
      }
    }
    shot("for-you-" + other);
    assertAccessible("for you " + other);
  }

  @Test
  void coViewCountsBelowThePrivacyThresholdAreNeverShown() throws Exception {
    // an item whose stored co-views include a pair rarer than the threshold, that pair's item in
    // its similar rail
    String[] found = findRareCoViewInRail();
    String anchor = found[0];
    String rare = found[1];
    open("/#/item/" + java.net.URLEncoder.encode(anchor, StandardCharsets.UTF_8));
    List<WebElement> rail = waitAll("#similar > li");
    // the 'viewed together' list never links the rare pair
    assertThat(driver.findElements(By.cssSelector(".together a")))
        .extracting(a -> a.getAttribute("href"))
        .noneMatch(
            h -> h.endsWith("/item/" + java.net.URLEncoder.encode(rare, StandardCharsets.UTF_8)));
    WebElement card =
        rail.stream()
            .filter(
                li ->
                    li.findElement(By.cssSelector("a.card-link"))
                        .getAttribute("href")
                        .endsWith(
                            "/item/" + java.net.URLEncoder.encode(rare, StandardCharsets.UTF_8)))
            .findFirst()
            .orElseThrow();
    WebElement details = card.findElement(By.cssSelector("details.evidence"));
    details.findElement(By.tagName("summary")).click();
    wait(d -> details.getAttribute("open") != null);
    assertThat(card.getText())
        .doesNotContainPattern("\\d+ shoppers? viewed both")
        .contains("fewer than " + minShoppers + ", if any (not disclosed)");
    // and no count anywhere on the page is under the threshold
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(\\d+) shoppers? (viewed both|$)", java.util.regex.Pattern.MULTILINE)
            .matcher(driver.findElement(By.id("main")).getText());
    while (m.find()) {
      if (m.group(2).startsWith("viewed")) {
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(minShoppers);
      }
    }
    for (WebElement li : driver.findElements(By.cssSelector(".together li"))) {
      java.util.regex.Matcher n =
          java.util.regex.Pattern.compile("· (\\d+) shoppers?").matcher(li.getText());
      assertThat(n.find()).as(li.getText()).isTrue();
      assertThat(Integer.parseInt(n.group(1))).isGreaterThanOrEqualTo(minShoppers);
    }
    shot("product-private-co-view");
    assertAccessible("product with a private co-view");
  }

  /**
   * [anchor, neighbour]: a stored co-view below the threshold whose neighbour the similar rail
   * shows.
   */
  static String[] findRareCoViewInRail() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    List<io.reasonflow.common.model.ItemFeatures> candidates = new ArrayList<>();
    JsonLines.forEach(
        demoLayout.items(),
        io.reasonflow.common.model.ItemFeatures.class,
        f -> {
          if (candidates.size() < 400
              && f.coViews().stream().anyMatch(c -> c.count() < minShoppers)) {
            candidates.add(f);
          }
        });
    for (io.reasonflow.common.model.ItemFeatures f : candidates) {
      String body =
          http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              base
                                  + "/v1/items/"
                                  + java.net.URLEncoder.encode(f.id(), StandardCharsets.UTF_8)
                                  + "/similar?k=10"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      for (JsonNode hit : JSON.readTree(body).get("hits")) {
        String id = hit.get("itemId").asText();
        if (f.coViews().stream().anyMatch(c -> c.itemId().equals(id) && c.count() < minShoppers)) {
          assertThat(hit.get("coViewShoppers").isNull())
              .as("the API discloses no count under the threshold")
              .isTrue();
          return new String[] {f.id(), id};
        }
      }
    }
    throw new AssertionError(
        "no item of the demo has a co-view under " + minShoppers + " shoppers in its rail");
  }

  @Test
  void searchOnACatalogueWithBrandsAndCategoriesOffersFiltersThatNarrowTheResults()
      throws Exception {
    String at = "http://127.0.0.1:" + instrumentsService().port();
    driver.get(at + "/#/search?q=guitar");
    waitAll("#results > li");
    WebElement facets = waitOne(".facets");
    assertThat(facets.findElements(By.id("facet-category"))).isNotEmpty();
    Select brands = new Select(driver.findElement(By.id("facet-brand")));
    assertThat(brands.getOptions()).hasSizeGreaterThan(2);
    // "Fender (9)": the commonest brand among the hits first, with its count
    WebElement top = brands.getOptions().get(1);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^(.+) \\((\\d+)\\)$").matcher(top.getText());
    assertThat(m.matches()).as(top.getText()).isTrue();
    String brand = top.getAttribute("value");
    int counted = Integer.parseInt(m.group(2));
    int before = resultCount();

    // paging over the unfiltered hits
    String firstCard = waitAll("#results > li").get(0).getText();
    driver.findElement(By.cssSelector(".pager a[rel=next]")).click();
    wait(d -> d.getCurrentUrl().contains("page=2"));
    wait(
        d -> { // while page 2 loads there are no cards at all
          List<WebElement> now = d.findElements(By.cssSelector("#results > li"));
          return !now.isEmpty() && !now.get(0).getText().equals(firstCard);
        });
    assertAccessible("search with facets");

    new Select(driver.findElement(By.id("facet-brand"))).selectByValue(brand);
    wait(d -> d.getCurrentUrl().contains("brand=") && !d.getCurrentUrl().contains("page=2"));
    wait(d -> resultCount() != before);
    int after = resultCount();
    assertThat(after).isLessThan(before).isGreaterThanOrEqualTo(counted);
    List<WebElement> cards = waitAll("#results > li");
    // textContent: the stylesheet shows brands in capitals
    assertThat(cards)
        .allSatisfy(
            c ->
                assertThat(c.findElement(By.cssSelector(".brand")).getDomProperty("textContent"))
                    .isEqualTo(brand));
    assertThat(
            new Select(driver.findElement(By.id("facet-brand")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo(brand);
    shot("search-facets");
    assertAccessible("search filtered by brand");
  }

  /** The number in "Top 100 results for ..." / "7 results for ...". */
  static int resultCount() {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+) results")
            .matcher(driver.findElement(By.cssSelector("p.count")).getText());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /**
   * The real pipeline on the Amazon Musical Instruments reviews (a review is an event) and its
   * catalogue of 485 items with titles, brands and categories, from ../shared/data (its README):
   * the feature job writes the index the service then serves.
   */
  static synchronized QueryServer instrumentsService() throws IOException {
    if (instruments != null) {
      return instruments;
    }
    Path data =
        Path.of(
            System.getProperty("rf.shared.data", "../../shared/data"), "amazon-instruments-2014");
    Assumptions.assumeTrue(
        Files.isDirectory(data), "no " + data + ": the facet test needs the shared data");
    Path dir = out.resolve("instruments");
    Files.createDirectories(dir);
    Path events = dir.resolve("events.tsv");
    List<String[]> rows = new ArrayList<>();
    JsonLines.forEach(
        data.resolve("reviews.jsonl.gz"),
        JsonNode.class,
        r ->
            rows.add(
                new String[] {
                  r.get("reviewerID").asText(),
                  r.get("asin").asText(),
                  r.get("unixReviewTime").asText()
                }));
    rows.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r[2])));
    StringBuilder tsv = new StringBuilder("user_id\titem_id\tts\ttype\n");
    rows.forEach(
        r ->
            tsv.append(r[0])
                .append('\t')
                .append(r[1])
                .append('\t')
                .append(r[2])
                .append("\treview\n"));
    Files.writeString(events, tsv);
    Path root = Path.of(System.getProperty("rf.repo.root", ".."));
    FeatureLayout layout = new FeatureLayout(dir.resolve("features"));
    Config config = demoConfig(root);
    new io.reasonflow.features.FeatureJob(config)
        .runBatch(LocalFlink.batch(null), events, data.resolve("items.tsv.gz"), layout.root());
    io.reasonflow.index.IndexBuilder.build(
        layout.items(), layout.index(), io.reasonflow.index.IndexSettings.from(config));
    instruments = QueryServer.start(QueryServerConfig.of(layout.index(), 0).withHost("127.0.0.1"));
    return instruments;
  }

  @Test
  void operatorViewShowsTheIndexAndLiveMetrics() throws IOException {
    open("/#/ops");
    WebElement rps = waitOne("#m-rps");
    wait(d -> !rps.getText().equals("–"));
    assertThat(Double.parseDouble(rps.getText())).isGreaterThan(0); // its own scrapes count
    // a few scrapes (2 s apart) so the chart has a line to show
    wait(
        d ->
            ((String)
                        js(
                            "const l = document.querySelector('#chart polyline');"
                                + "return l ? l.getAttribute('points') : ''"))
                    .split(" ")
                    .length
                >= 4);
    assertThat(driver.findElement(By.id("model-age")).getText()).endsWith("ago");
    assertThat(driver.findElement(By.id("m-errors")).getText()).isEqualTo("0");
    shot("ops");
    assertAccessible("operator view");
  }

  @Test
  void anUnknownProductShowsTheServicesOwnMessage() {
    open("/#/item/no-such-item");
    WebElement err = waitOne(".state.error");
    assertThat(err.getText()).contains("unknown item id: no-such-item");
    // the page asked for the item and its neighbours and was refused twice: the failed requests
    // expected here, taken out of the log and the resource timings before the check that every test
    // ends with
    assertThat(severe())
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).contains("/v1/items/no-such-item", "404"));
    js("performance.clearResourceTimings()");
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------------------

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static void open(String path) {
    driver.get(base + path);
  }

  static void wait(java.util.function.Function<WebDriver, Boolean> until) {
    // a page that is re-rendering replaces its elements: try again rather than fail on one just
    // removed
    new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(until::apply);
  }

  static WebElement waitOne(String css) {
    return new WebDriverWait(driver, WAIT)
        .until(
            d -> {
              List<WebElement> l = d.findElements(By.cssSelector(css));
              return l.isEmpty() || !l.get(0).isDisplayed() ? null : l.get(0);
            });
  }

  static List<WebElement> waitAll(String css) {
    return new WebDriverWait(driver, WAIT)
        .until(
            d -> {
              List<WebElement> l = d.findElements(By.cssSelector(css));
              return l.isEmpty() ? null : l;
            });
  }

  /**
   * The whole page (up to a tall screen's height), at the top: the window grows for the shot and is
   * put back.
   */
  static void shot(String name) throws IOException {
    Dimension before = driver.manage().window().getSize();
    long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
    driver
        .manage()
        .window()
        .setSize(
            new Dimension(before.getWidth(), (int) Math.min(Math.max(height + 140, 700), 1700)));
    js("window.scrollTo(0, 0)");
    Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    driver.manage().window().setSize(before);
  }

  static List<String> severe() {
    List<String> l = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        l.add(e.getMessage());
      }
    }
    return l;
  }

  @SuppressWarnings("unchecked")
  static List<Object> failedRequests() {
    return (List<Object>)
        js(
            "return performance.getEntriesByType('resource')"
                + ".filter(e => e.responseStatus >= 400)"
                + ".map(e => e.name + ' ' + e.responseStatus)");
  }

  /**
   * Runs axe-core in the page; serious and critical violations fail, with their rule, help text and
   * elements.
   */
  static void assertAccessible(String page) {
    js(axeSource);
    Object raw =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)),"
                    + " e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));");
    List<String> bad = new ArrayList<>();
    try {
      for (JsonNode v : JSON.readTree((String) raw)) {
        String impact = v.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          List<String> targets = new ArrayList<>();
          v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
          bad.add(
              v.path("id").asText()
                  + " ("
                  + impact
                  + "): "
                  + v.path("help").asText()
                  + " at "
                  + targets);
        }
      }
    } catch (IOException e) {
      throw new AssertionError("axe answered something that is not JSON: " + raw, e);
    }
    assertThat(bad).as("axe-core serious/critical findings on the %s page", page).isEmpty();
  }

  /** How many recommendations the reason job stored for the shopper (at most the demo's top 5). */
  static int storedCount(String shopper) {
    int[] n = {0};
    JsonLines.forEach(
        recommendations,
        JsonNode.class,
        r -> {
          if (r.get("userId").asText().equals(shopper)) {
            n[0]++;
          }
        });
    assertThat(n[0]).as("stored recommendations of %s", shopper).isBetween(1, 5);
    return n[0];
  }

  static JsonNode firstStored(String shopper) {
    JsonNode[] first = {null};
    JsonLines.forEach(
        recommendations,
        JsonNode.class,
        n -> {
          if (n.get("userId").asText().equals(shopper) && n.get("rank").asInt() == 1) {
            first[0] = n;
          }
        });
    assertThat(first[0]).as("stored rank-1 recommendation of %s", shopper).isNotNull();
    return first[0];
  }

  static JsonNode claim(JsonNode rec, String kind) {
    for (JsonNode c : rec.get("claims")) {
      if (c.get("claim").asText().equals(kind)) {
        return c;
      }
    }
    throw new AssertionError("no " + kind + " in " + rec);
  }
}
