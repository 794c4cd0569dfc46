package io.reasonflow.reasons.explain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Chinese aspect and opinion lexicon for the zh-shopping-reviews data. The project's miner is
 * English; Chinese has no spaces and the project has no Chinese word segmenter (Lucene's smartcn is
 * not a dependency), so this works on characters:
 *
 * <ul>
 *   <li>Opinions are a hand-written list of about 70 common evaluative words with their polarity
 *       ({@link #OPINIONS}: 好/不错/快/便宜 +1, 差/慢/贵/失望 -1; words whose polarity depends on the aspect,
 *       高/低/大/小, are left out), matched longest first, so "不错" is one positive word, not a negated
 *       "错".
 *   <li>Aspects are grown from the training reviews (Sentires' first step, in Chinese form): the
 *       two or three characters right before an opinion, with only degree and negation words
 *       between ("服务很好", "物流也非常快", "性价比高"), kept when at least {@code minReviews} reviews write
 *       them so, they are all Han characters, do not end in a function character ("做得很好": 做得) and
 *       are not a stop word ("感觉", "东西", the category names: what the product is, not a property of
 *       it). A three-character candidate replaces the two-character tail it contains when most uses
 *       of the tail are inside it (性价比, not 价比).
 * </ul>
 */
public final class ChineseAspectLexicon {
  /** Evaluative words and their polarity. */
  static final Map<String, Integer> OPINIONS =
      Map.ofEntries(
          Map.entry("好", 1),
          Map.entry("不错", 1),
          Map.entry("满意", 1),
          Map.entry("喜欢", 1),
          Map.entry("快", 1),
          Map.entry("便宜", 1),
          Map.entry("实惠", 1),
          Map.entry("划算", 1),
          Map.entry("舒服", 1),
          Map.entry("舒适", 1),
          Map.entry("漂亮", 1),
          Map.entry("好看", 1),
          Map.entry("好吃", 1),
          Map.entry("新鲜", 1),
          Map.entry("清晰", 1),
          Map.entry("流畅", 1),
          Map.entry("干净", 1),
          Map.entry("方便", 1),
          Map.entry("热情", 1),
          Map.entry("周到", 1),
          Map.entry("稳定", 1),
          Map.entry("给力", 1),
          Map.entry("精美", 1),
          Map.entry("耐用", 1),
          Map.entry("香", 1),
          Map.entry("甜", 1),
          Map.entry("好用", 1),
          Map.entry("合适", 1),
          Map.entry("齐全", 1),
          Map.entry("安静", 1),
          Map.entry("细腻", 1),
          Map.entry("柔顺", 1),
          Map.entry("专业", 1),
          Map.entry("及时", 1),
          Map.entry("完美", 1),
          Map.entry("棒", 1),
          Map.entry("赞", 1),
          Map.entry("优秀", 1),
          Map.entry("可以", 1),
          Map.entry("舒心", 1),
          Map.entry("友好", 1),
          Map.entry("到位", 1),
          Map.entry("大气", 1),
          Map.entry("合理", 1),
          Map.entry("丰富", 1),
          Map.entry("宽敞", 1),
          Map.entry("灵敏", 1),
          Map.entry("精致", 1),
          Map.entry("实用", 1),
          Map.entry("差", -1),
          Map.entry("慢", -1),
          Map.entry("贵", -1),
          Map.entry("不好", -1),
          Map.entry("一般", -1),
          Map.entry("糟糕", -1),
          Map.entry("失望", -1),
          Map.entry("难吃", -1),
          Map.entry("难看", -1),
          Map.entry("脏", -1),
          Map.entry("吵", -1),
          Map.entry("烂", -1),
          Map.entry("坏", -1),
          Map.entry("不行", -1),
          Map.entry("垃圾", -1),
          Map.entry("麻烦", -1),
          Map.entry("粗糙", -1),
          Map.entry("差劲", -1),
          Map.entry("恶劣", -1),
          Map.entry("旧", -1),
          Map.entry("破", -1),
          Map.entry("难用", -1),
          Map.entry("不满", -1),
          Map.entry("陈旧", -1),
          Map.entry("老旧", -1));

  /** Words that may stand between an aspect and its opinion; negators flip the polarity. */
  static final List<String> DEGREE =
      List.of(
          "非常", "特别", "比较", "相当", "十分", "有点", "有些", "还是", "确实", "实在", "还算", "真的", "也很", "很", "挺",
          "太", "还", "也", "真", "超", "蛮", "都", "极", "最", "更", "较", "算", "就", "又", "好");

  static final List<String> NEGATORS = List.of("没有", "不", "没", "不太", "不是", "不够");

  /** Candidates that are no aspect: pronouns, verbs of opinion, fillers, the product itself. */
  static final Set<String> STOP =
      Set.of(
          "感觉", "觉得", "东西", "我们", "还是", "真的", "自己", "一个", "非常", "比较", "特别", "总体", "整体", "总的", "就是",
          "不过", "但是", "而且", "其他", "宝贝", "商品", "产品", "书籍", "平板", "手机", "水果", "洗发水", "热水器", "蒙牛",
          "衣服", "计算机", "酒店", "电脑", "这个", "那个", "这本", "本书", "这次", "总之", "感觉还", "个人", "其它", "以后",
          "现在", "时候", "知道", "朋友", "大家", "这家", "这里", "一次", "一般", "还行", "不错", "可以", "看起", "起来", "用起",
          "说实", "实话", "因为", "所以", "如果", "虽然", "这样", "那么", "怎么", "什么", "已经", "这种", "这款", "这台", "东东",
          "机器", "本身", "第一", "一直", "真是", "的确", "宝宝", "孩子", "女儿", "儿子", "老公", "老婆", "家人", "你们", "他们",
          "本人", "京东", "当当", "确实", "应该", "可能", "尤其", "希望", "相当", "十分", "简直", "绝对", "依然", "果然", "居然",
          "其实", "反正", "目前", "本来", "以前", "平时", "晚上", "几天", "个月", "每次", "之后", "开始", "刚刚", "似乎", "直接",
          "完全", "根本", "必须", "唯一", "全部", "各种", "那些", "那样", "如此", "这点", "心里", "令人", "容易", "让人", "印象",
          "期望", "运气", "心情", "感谢", "谢谢", "购买", "购物", "评价", "差评", "五星", "五分", "结果", "出现", "发现", "打开",
          "使用", "稍微", "严重", "信用", "生意", "当地", "里面", "外面", "下来", "基本", "经济", "想象中", "看上去", "越来越",
          "越做越", "方面", "问题", "并且", "相对", "反映", "反应", "处理", "时间", "地方", "穿上", "大小刚", "大小正", "图片相",
          "以次充", "包装完", "务意识", "递小哥", "点儿", "条件", "能力", "水平", "表现", "活动", "客人", "如家", "苹果", "华为");

  /** Characters a candidate may not end in (particles, verb complements, degree words). */
  static final String FUNCTION_TAIL = "的得了是也都很太还就不没和与在有个么吗呢吧啊呀说着过到把被让给比再";

  /** Characters a candidate may not start with (particles, pronouns, numerals, prepositions). */
  static final String FUNCTION_HEAD = "的得了是也都很太还就不没和与在有个么吗呢吧啊呀说着过到把被让给我你他她它这那一比度再买无";

  private final Set<String> aspects;

  private ChineseAspectLexicon(Set<String> aspects) {
    this.aspects = Set.copyOf(aspects);
  }

  /** A lexicon of exactly these aspects (tests). */
  public static ChineseAspectLexicon of(String... aspects) {
    return new ChineseAspectLexicon(Set.of(aspects));
  }

  /** The aspects, sorted. */
  public Set<String> aspects() {
    return new TreeSet<>(aspects);
  }

  /** The aspect starting at {@code i} of the clause, longest first. */
  public Optional<String> aspectAt(String clause, int i) {
    for (int len = 3; len >= 2; len--) {
      if (i + len <= clause.length() && aspects.contains(clause.substring(i, i + len))) {
        return Optional.of(clause.substring(i, i + len));
      }
    }
    return Optional.empty();
  }

  /** The opinion word starting at {@code i}, longest first. */
  public static Optional<String> opinionAt(String s, int i) {
    for (int len = 2; len >= 1; len--) {
      if (i + len <= s.length() && OPINIONS.containsKey(s.substring(i, i + len))) {
        return Optional.of(s.substring(i, i + len));
      }
    }
    return Optional.empty();
  }

  /** A word of {@code words} starting at {@code i}, longest first, or null. */
  static String wordAt(String s, int i, List<String> words) {
    String best = null;
    for (String w : words) {
      if (s.startsWith(w, i) && (best == null || w.length() > best.length())) {
        best = w;
      }
    }
    return best;
  }

  /**
   * Where an opinion follows position {@code from} past degree and negation words (at most {@value
   * #MAX_GAP} characters of them): {@code [opinionStart, negations]}, or null.
   */
  static int[] opinionAfter(String clause, int from) {
    int i = from;
    int negations = 0;
    while (i < clause.length() && i - from <= MAX_GAP) {
      String neg = wordAt(clause, i, NEGATORS);
      Optional<String> op = opinionAt(clause, i);
      // an opinion word that starts like a negator ("不错", "不好") is the opinion itself
      // "好快" is "so fast": 好 before another opinion is a degree word
      boolean degreeHao =
          op.isPresent() && op.get().equals("好") && opinionAt(clause, i + 1).isPresent();
      if (op.isPresent() && !degreeHao && (neg == null || op.get().length() >= neg.length())) {
        return new int[] {i, negations};
      }
      if (neg != null) {
        negations++;
        i += neg.length();
        continue;
      }
      String deg = wordAt(clause, i, DEGREE);
      if (deg == null) {
        return null;
      }
      i += deg.length();
    }
    return null;
  }

  static final int MAX_GAP = 4;

  /** Grows the aspects from training review texts. */
  public static ChineseAspectLexicon grow(Iterable<String> reviews, int minReviews) {
    Map<String, Integer> two = new HashMap<>();
    Map<String, Integer> three = new HashMap<>();
    for (String review : reviews) {
      Set<String> seen2 = new HashSet<>();
      Set<String> seen3 = new HashSet<>();
      for (String sentence : ChineseText.sentences(review)) {
        for (String clause : ChineseText.clauses(sentence)) {
          for (int j = 2; j < clause.length(); j++) {
            // "房间比较好" is 房间 + 比较 + 好, not 间比 + 较 + 好: the candidate may not end
            // inside a degree, negation or opinion word
            if (opinionAfter(clause, j) == null
                || isOpinionEnd(clause, j)
                || wordAt(clause, j - 1, SPANNING) != null) {
              continue;
            }
            seen2.add(clause.substring(j - 2, j));
            if (j >= 3) {
              seen3.add(clause.substring(j - 3, j));
            }
          }
        }
      }
      seen2.forEach(c -> two.merge(c, 1, Integer::sum));
      seen3.forEach(c -> three.merge(c, 1, Integer::sum));
    }
    // a two-character tail mostly written inside a longer word ("发水" in 洗发水, "水器" in
    // 热水器) is a fragment of it, whether or not the longer word is an aspect
    Map<String, Integer> tailInside = new HashMap<>();
    three.forEach((t, n) -> tailInside.merge(t.substring(1), n, Math::max));
    Set<String> out = new HashSet<>();
    for (var e : two.entrySet()) {
      if (e.getValue() >= minReviews
          && candidate(e.getKey())
          && tailInside.getOrDefault(e.getKey(), 0) < 0.6 * e.getValue()) {
        out.add(e.getKey());
      }
    }
    for (var e : three.entrySet()) {
      String tail = e.getKey().substring(1);
      int tailCount = two.getOrDefault(tail, 0);
      if (e.getValue() >= minReviews
          && candidate(e.getKey())
          && candidate(tail)
          && e.getValue() >= 0.6 * tailCount) {
        out.add(e.getKey());
        out.remove(tail);
      }
    }
    return new ChineseAspectLexicon(out);
  }

  /** Whether {@code j} is just after an opinion or degree word: "很好很" is no aspect. */
  private static boolean isOpinionEnd(String clause, int j) {
    String prev = clause.substring(j - 1, j);
    return OPINIONS.containsKey(prev) || DEGREE.contains(prev);
  }

  /** Two-character words a candidate may not end inside of. */
  static final List<String> SPANNING = spanning();

  private static List<String> spanning() {
    List<String> out = new java.util.ArrayList<>();
    OPINIONS.keySet().stream().filter(w -> w.length() > 1).forEach(out::add);
    DEGREE.stream().filter(w -> w.length() > 1).forEach(out::add);
    NEGATORS.stream().filter(w -> w.length() > 1).forEach(out::add);
    return List.copyOf(out);
  }

  private static boolean candidate(String c) {
    if (STOP.contains(c)
        || FUNCTION_TAIL.indexOf(c.charAt(c.length() - 1)) >= 0
        || FUNCTION_HEAD.indexOf(c.charAt(0)) >= 0
        || SPANNING.stream().anyMatch(c::contains)) {
      return false;
    }
    // "服务好很" or "很快" are no aspects: the tail is an opinion, the head a degree word
    if (OPINIONS.containsKey(c.substring(c.length() - 1))
        || DEGREE.contains(c.substring(0, 1))
        || c.startsWith("不")
        || c.startsWith("没")) {
      return false;
    }
    return c.codePoints()
        .allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
