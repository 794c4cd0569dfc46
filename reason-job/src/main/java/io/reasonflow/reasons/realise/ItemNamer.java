package io.reasonflow.reasons.realise;

import io.reasonflow.common.text.BoundedMemo;
import io.reasonflow.common.text.HtmlEntities;
import io.reasonflow.reasons.evidence.Brands;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.ProductTypes;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TypePairs;
import io.reasonflow.reasons.verify.DomainCues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names an item the way a person would: brand and product type ("the Suave dry shampoo", "the Toni
 * &amp; Guy leave-in conditioner"; zh-CN "Suave 干洗喷雾"), from the title by {@link Brands} and {@link
 * ProductTypes}. Where the title gives no brand or no known type, the name is the title's head with
 * its marketing noise ("SALE!", "#1", "As Seen on TV", pack counts) removed, cut only between words
 * and never ending on a function word, a number, a unit or a broken token ("the Anti Aging Serum
 * Vitamin C from" becomes "Anti Aging Serum Vitamin C"). Both the realiser and the verifier name
 * items through here, so a name is checked to be the item's.
 */
public final class ItemNamer {
  static final int MAX_WORDS = 6;
  static final int MAX_CHARS = 48;
  private static final Pattern[] NOISE = {
    Pattern.compile("[★☆●•♥♡™®©✓✔❤]"),
    Pattern.compile("(?i)\\bas seen on (?:tv|t\\.v\\.)"),
    Pattern.compile("(?i)\\b(?:hot |big |mega )?sale\\b!*"),
    Pattern.compile("(?i)\\bnew!+"),
    Pattern.compile("(?i)#\\s?1\\b(?: best seller| seller| rated)?"),
    Pattern.compile("(?i)\\bbest ?seller\\b!*"),
    Pattern.compile("(?i)\\bfree shipping\\b!*"),
    Pattern.compile("(?i)\\(?\\bpack of \\d+\\)?"),
    Pattern.compile("(?i)\\(?\\bset of \\d+\\)?"),
    Pattern.compile("(?i)\\b\\d+[- ]?(?:pack|pk|count|ct|pcs|pieces|piece)\\b"),
    Pattern.compile("(?i)\\bvalue pack\\b"),
    // a listing's status, not the product: "[OLD MODEL] Vox AmPlug", "[DISCONTINUED]",
    // "(Discontinued)"
    Pattern.compile(
        "(?i)[\\[(]\\s*(?:old model|new model|discontinued|newest version|new version|latest"
            + " version|renewed|refurbished)\\s*[\\])]"),
    // a pick pack's count: "24/Bag", "6/Player's Pack" ("Bag" is no guitar case here)
    Pattern.compile("(?i)\\b\\d+\\s*/\\s*(?:bag|pack|box|tin|card|player's pack)\\b"),
    Pattern.compile("\\\\[tnr]"),
    Pattern.compile("!+")
  };
  private static final String[] SEPARATORS = {
    ",", " - ", " -- ", " – ", " — ", " (", "(", " | ", ":", ";", " / ", "[", " ~ ", "~", " for ",
    " For ", " FOR ", " with ", " With ", " WITH ", " w/ ", " from ", " From ", " by ", " By ",
    " BY "
  };

  /** Words a name must not end (or start) on: they leave a phrase open. */
  static final Set<String> DANGLING =
      Set.of(
          "a", "an", "and", "the", "of", "for", "with", "by", "in", "on", "to", "or", "from", "at",
          "as", "is", "it", "its", "your", "our", "plus", "w", "w/", "&", "+", "-", "/", "x", "vs",
          "per", "into", "onto", "that", "this", "these", "those", "via", "while", "when", "which",
          "who", "than", "oz", "ounce", "ounces", "fl", "ml", "g", "gr", "gram", "grams", "mg",
          "kg", "lb", "lbs", "inch", "inches", "pack", "count", "ct", "pcs", "pc", "pk", "piece",
          "pieces", "each", "ea", "size", "net", "wt", "oz.", "fl.");

  /**
   * Titles a namer remembers per locale, and cleaned titles remembered in all: more than a
   * catalogue's worth is forgotten ({@link BoundedMemo}).
   */
  static final int MEMO_TITLES = 1 << 20;

  // naming is a pure function of the title once the brand statistics are built, and a reason job
  // names the same candidates and anchors many times (every shape, every locale, the verifier):
  // each title is named once per locale instead of running the regular expressions each time
  private static final BoundedMemo<String, String> CLEAN =
      new BoundedMemo<>(MEMO_TITLES, ItemNamer::cleanOnce);

  private final ProductTypes types;
  private final Brands brands;
  private final BrandRoutines routines;
  private final java.util.Map<String, ProductType> reviewerTypes; // untitled item id -> type
  private final List<BoundedMemo<String, String>> names;

  public ItemNamer(ProductTypes types, Brands brands) {
    this(types, brands, BrandRoutines.none(), java.util.Map.of());
  }

  private ItemNamer(
      ProductTypes types,
      Brands brands,
      BrandRoutines routines,
      java.util.Map<String, ProductType> reviewerTypes) {
    this.types = types;
    this.brands = brands;
    this.routines = routines;
    this.reviewerTypes = java.util.Map.copyOf(reviewerTypes);
    this.names =
        Arrays.stream(ReasonLocale.values())
            .map(l -> new BoundedMemo<String, String>(MEMO_TITLES, t -> nameOnce(t, l)))
            .toList();
  }

  /**
   * A namer whose brand statistics come from {@code catalogueTitles}, with the product types of the
   * lexicon that fits them ({@link ProductTypes#forCatalogue}).
   */
  public static ItemNamer over(Collection<String> catalogueTitles) {
    return over(catalogueTitles, ProductTypes.forCatalogue(catalogueTitles));
  }

  /**
   * A namer over {@code catalogueTitles} with the product types of {@code types}. The titles are
   * read twice (brands, then the brands' routines) and cleaned afresh each time rather than kept or
   * remembered: over a catalogue's display names that would be every title in the heap.
   */
  public static ItemNamer over(Collection<String> catalogueTitles, ProductTypes types) {
    Collection<String> clean =
        new java.util.AbstractCollection<>() {
          @Override
          public java.util.Iterator<String> iterator() {
            java.util.Iterator<String> titles = catalogueTitles.iterator();
            return new java.util.Iterator<>() {
              @Override
              public boolean hasNext() {
                return titles.hasNext();
              }

              @Override
              public String next() {
                String t = titles.next();
                return cleanOnce(t == null ? "" : t);
              }
            };
          }

          @Override
          public int size() {
            return catalogueTitles.size();
          }
        };
    Brands brands = Brands.over(clean, types);
    return new ItemNamer(types, brands, BrandRoutines.over(clean, brands), java.util.Map.of());
  }

  /**
   * The namer over the catalogue's display names and the lexicon that fits them, built once per
   * catalogue and shared (its memories of names are safe for threads).
   */
  public static ItemNamer over(ItemCatalog catalog) {
    return catalog.derived(CATALOGUE_NAMER);
  }

  private static final ItemCatalog.Derived<ItemNamer> CATALOGUE_NAMER =
      new ItemCatalog.Derived<>(c -> over(c.displayNames(), ProductTypes.forCatalogue(c)));

  /** A namer with no catalogue: names are titles' clean heads (tests that need no brands). */
  public static ItemNamer titleOnly() {
    return over(List.of());
  }

  public ProductTypes types() {
    return types;
  }

  /**
   * The relation rule over this namer's lexicon and its routines, typing titles as {@link #type}
   * does: evidence proposes relations on the types the reasons name and the verifier re-reads.
   */
  public RelationRule relations() {
    return new RelationRule(types, TypePairs.forTypes(types)).typedBy(this::type);
  }

  /**
   * This namer, naming each item of {@code byItemId} that has no catalogue title by the product
   * type its reviewers call it ({@link io.reasonflow.reasons.aspects.ReviewerTypes}): "the capo"
   * rather than "the item B0009DXEEM". The verifier recounts each such name from the reviews.
   */
  public ItemNamer withReviewerTypes(java.util.Map<String, ProductType> byItemId) {
    return new ItemNamer(types, brands, routines, byItemId);
  }

  /** The type the item's reviewers call it, when it has no title and this namer has one. */
  public Optional<ProductType> reviewerType(String title) {
    java.util.regex.Matcher m = UNTITLED.matcher(title == null ? "" : title);
    return m.matches() ? Optional.ofNullable(reviewerTypes.get(m.group(1))) : Optional.empty();
  }

  /**
   * Whether the name of the item with this title says nothing a shopper could recognise it by: the
   * bare generic noun ("the item you reviewed", "产品") when neither a brand, a type nor a short head
   * is found, or the id of an untitled item no majority of reviewers names.
   */
  public boolean namesNothing(String title) {
    return name(title, ReasonLocale.EN).equals(GENERIC_NONE)
        || (untitled(title) && reviewerType(title).isEmpty());
  }

  /** The English name of an item nothing names ({@link #nameOnce}'s last resort). */
  static final String GENERIC_NONE = "item";

  /** What {@link io.reasonflow.common.model.Item#displayName} gives an item with no title. */
  private static final Pattern UNTITLED = Pattern.compile("item (\\S+)");

  public Brands brands() {
    return brands;
  }

  /**
   * The title with character references decoded and marketing noise removed, white space collapsed.
   */
  public static String clean(String title) {
    return CLEAN.get(title == null ? "" : title);
  }

  private static String cleanOnce(String title) {
    String t = HtmlEntities.decode(title);
    for (Pattern p : NOISE) {
      t = p.matcher(t).replaceAll(" ");
    }
    t = t.replaceAll("\\(\\s*\\)", " ").replaceAll("\\s+", " ").strip();
    return t.replaceAll("^[-,:;|~/+&. ]+", "").strip();
  }

  /** The brand the title starts with, if {@link Brands} finds one. */
  public Optional<String> brand(String title) {
    // an item with no title is shown as "item <id>": "item" is no brand ("Same brand as the capo"
    // was said of two untitled items)
    return untitled(title) ? Optional.empty() : brands.brandOf(clean(title));
  }

  /** Whether the title is what an item with no catalogue title is shown as ("item <id>"). */
  public static boolean untitled(String title) {
    return title != null && UNTITLED.matcher(title).matches();
  }

  /** The product type the title names. */
  public Optional<ProductType> type(String title) {
    return typed(clean(title));
  }

  /**
   * The lexicon's type of a clean title, unless it rests on a lone head word the lexicon also knows
   * in another routine ("Serum": face serum or hair serum), the title's words name no routine, and
   * its brand's titles name routines but never that one ({@link BrandRoutines}): "Kerastase
   * Nutritive Oleo-Relax Serum" is no face serum, "Motions Straight Finish Cleanser" no face
   * cleanser. Such an item is named by its brand and head, with no type to claim.
   */
  private Optional<ProductType> typed(String t) {
    return types
        .match(t)
        .filter(
            m ->
                !(types.headOfOtherRoutines(m)
                    && DomainCues.domains(t).isEmpty()
                    && brands
                        .brandOf(t)
                        .filter(b -> routines.keepsOutOf(b, m.type().domain()))
                        .isPresent()))
        .map(ProductTypes.Match::type);
  }

  /**
   * The product type a reason may claim for the item with this title: {@link #type}, unless the
   * title's own words put the item in another routine ({@link DomainCues}: an argan oil "for hair"
   * matched as a carrier oil for skin care). The verifier rejects every sentence claiming such a
   * type, so the realisers do not offer it, and a type compared with another (same type, same
   * routine) is compared only when it can be said.
   */
  public Optional<ProductType> claimableType(String title) {
    String t = clean(title);
    return typed(t).filter(type -> DomainCues.check(t, type) == null);
  }

  /** The noun an item of no known type is named by after its brand ("the Conair product"). */
  static final String GENERIC_EN = "product";

  /**
   * zh-CN: brand + 产品 reads as Chinese shops name a brand's item ("Conair 产品"), like brand + type.
   */
  static final String GENERIC_ZH = "产品";

  /**
   * How a reason names the item with this title. In order: brand + product type; with a type but no
   * brand, the title's words from its start through the type phrase when they are one short phrase
   * ("Rosemary Essential Oil"), else the type alone ("the essential oil"); with no type, the
   * title's first segment when it is whole and short ("Green Magic Hair Growth Cream"), else brand
   * + a generic noun ("the Conair product"), else "item". A segment is never cut inside: a fragment
   * such as "the Increase Collagen" reads as a product and is not one. zh-CN names use the Chinese
   * type or generic noun and keep an English head only where there is no brand to name.
   */
  public String name(String title, ReasonLocale locale) {
    return names.get(locale.ordinal()).get(title == null ? "" : title);
  }

  private String nameOnce(String title, ReasonLocale locale) {
    boolean zh = locale == ReasonLocale.ZH_CN;
    Optional<ProductType> said = reviewerType(title);
    if (said.isPresent()) {
      return zh ? said.get().zh() : said.get().en();
    }
    String t = clean(title);
    Optional<ProductType> type = typed(t);
    Optional<String> brand =
        untitled(title)
            ? Optional.empty()
            : brands.brandOf(t).map(ItemNamer::trimDangling).filter(ItemNamer::safe);
    if (type.isPresent()) {
      String noun = zh ? type.get().zh() : type.get().en();
      if (brand.isPresent()) {
        return brand.get() + " " + noun;
      }
      if (!zh) {
        // only a segment the title starts with: "Matrix Color Care Conditioner" from "Biolage by
        // Matrix ..." is not what the item is called
        Optional<String> own =
            types
                .match(t)
                .filter(m -> t.startsWith(m.segment()))
                .map(ItemNamer::endingOnType)
                .filter(n -> !n.isEmpty());
        if (own.isPresent()) {
          return spoken(own.get(), false);
        }
      }
      return noun;
    }
    String head = head(t);
    if (brand.isPresent()) {
      if (!zh && !head.isEmpty()) {
        // the brand's words as the title spells them, the rest as said
        return head.startsWith(brand.get())
                && head.length() > brand.get().length()
                && head.charAt(brand.get().length()) == ' '
            ? brand.get() + " " + lowerCommon(head.substring(brand.get().length() + 1))
            : head;
      }
      return brand.get() + " " + (zh ? GENERIC_ZH : GENERIC_EN);
    }
    if (!head.isEmpty()) {
      return zh ? withoutMarketing(head) : spoken(head, false);
    }
    return zh ? GENERIC_ZH : GENERIC_NONE;
  }

  /**
   * Words that praise an item rather than name it: a brandless name does not open with them ("the
   * Best Bentonite Clay" is "the bentonite clay").
   */
  static final Set<String> MARKETING =
      Set.of(
          "best",
          "premium",
          "ultimate",
          "amazing",
          "top",
          "rated",
          "perfect",
          "luxury",
          "luxurious",
          "super",
          "miracle",
          "incredible",
          "awesome",
          "great",
          "highest",
          "quality",
          "finest",
          "original",
          "genuine",
          "authentic",
          "new",
          "improved",
          "advanced",
          "deluxe",
          "elite",
          "supreme",
          "excellent",
          "world's",
          "worlds",
          "famous",
          "popular",
          "award",
          "winning",
          "professional",
          "salon",
          "grade");

  /**
   * Common words of beauty titles beyond the type lexicon's own ({@link ProductTypes#typeWord}):
   * title case makes them look like names ("the Hair Repair Mask"), so a name says them in lower
   * case. A word not here (a brand, a line, "Jergens", "Phytoceramides") keeps its capitals.
   */
  static final Set<String> COMMON =
      Set.of(
          "and",
          "with",
          "of",
          "the",
          "for",
          "in",
          "hair",
          "skin",
          "face",
          "facial",
          "body",
          "eye",
          "eyes",
          "lip",
          "lips",
          "nail",
          "nails",
          "anti",
          "aging",
          "ageing",
          "age",
          "wrinkle",
          "wrinkles",
          "repair",
          "vitamin",
          "natural",
          "organic",
          "pure",
          "deep",
          "daily",
          "night",
          "day",
          "moisturizing",
          "moisturising",
          "moisture",
          "hydrating",
          "cleansing",
          "clarifying",
          "volumizing",
          "smoothing",
          "argan",
          "coconut",
          "tea",
          "tree",
          "clay",
          "bentonite",
          "collagen",
          "hyaluronic",
          "acid",
          "retinol",
          "rose",
          "water",
          "aloe",
          "vera",
          "shea",
          "butter",
          "cocoa",
          "charcoal",
          "mud",
          "dead",
          "sea",
          "salt",
          "mineral",
          "minerals",
          "essential",
          "lavender",
          "rosemary",
          "peppermint",
          "mint",
          "lemon",
          "green",
          "black",
          "white",
          "red",
          "blue",
          "pink",
          "gold",
          "silver",
          "men",
          "women",
          "mens",
          "womens",
          "men's",
          "women's",
          "kids",
          "baby",
          "sensitive",
          "dry",
          "oily",
          "curly",
          "color",
          "colour",
          "treated",
          "care",
          "beauty",
          "scalp",
          "growth",
          "loss",
          "thinning",
          "thick",
          "thickening",
          "volume",
          "shine",
          "frizz",
          "keratin",
          "protein",
          "intensive",
          "intense",
          "ultra",
          "extra",
          "gentle",
          "soft",
          "fresh",
          "clean",
          "glow",
          "bright",
          "brightening",
          "whitening",
          "firming",
          "lifting",
          "tightening",
          "exfoliating",
          "foot",
          "hand",
          "heel",
          "cuticle",
          "lash",
          "lashes",
          "brow",
          "eyebrow",
          "eyelash",
          "makeup",
          "straight",
          "wavy",
          "long",
          "short",
          "human",
          "synthetic",
          "plant",
          "derived",
          "capsule",
          "capsules",
          "under",
          "dark",
          "circles",
          "puffiness",
          "bags",
          "acne",
          "scar",
          "scars",
          "stretch",
          "marks",
          "cellulite",
          "oil",
          "cream",
          "serum",
          "mask",
          "lotion",
          "gel",
          "wash",
          "scrub",
          "spray",
          "treatment",
          "formula",
          "complex",
          "set",
          "kit",
          "tool",
          "brush",
          "hydrate",
          "nourishing",
          "restore",
          "restoring",
          "renewal",
          "radiance",
          "youth",
          "lift",
          "essence",
          "extract",
          "seed",
          "honey",
          "milk",
          "olive",
          "almond",
          "jojoba",
          "avocado",
          "vanilla",
          "cherry",
          "berry",
          "orange",
          "grapefruit",
          "cucumber",
          "ginger",
          "fragrance",
          "free",
          "unscented",
          "scented",
          "large",
          "small",
          "mini",
          "travel",
          "size",
          "full",
          "liquid",
          "powder",
          "matte",
          "glossy",
          "waterproof",
          "long-lasting",
          "lasting",
          "wear",
          "all",
          "over");

  /**
   * A brandless name as people say it: leading marketing words dropped, common words in lower case
   * (the result is what is left when that would leave too little).
   */
  String spoken(String name, boolean keepCase) {
    String s = withoutMarketing(name);
    return keepCase ? s : lowerCommon(s);
  }

  /** {@code name} without the marketing words it opens with, unless nothing would be left. */
  static String withoutMarketing(String name) {
    List<String> w = new ArrayList<>(Arrays.asList(name.split("\\s+")));
    int drop = 0;
    while (drop < w.size() - 1
        && MARKETING.contains(w.get(drop).toLowerCase(Locale.ROOT).replaceAll("[!.,]+$", ""))) {
      drop++;
    }
    String out = String.join(" ", w.subList(drop, w.size()));
    return drop > 0 && safe(out) && out.codePoints().anyMatch(Character::isLetter) ? out : name;
  }

  /**
   * The name's closing run of common words ({@link #COMMON} or a type word) in lower case, each
   * part of a hyphenated word alike ("Anti-Aging Serum" is "anti-aging serum", "Hair Repair Mask"
   * is "hair repair mask"). The run stops at a word that names (a brand or line, "Jergens", "Green
   * Magic"): lower-casing only part of a product's own name ("Glamour volume Plumping") reads worse
   * than title case. Capitals inside the run that name are kept: an acronym, a single letter as in
   * "vitamin C serum".
   */
  String lowerCommon(String name) {
    String[] w = name.split(" ");
    int start = w.length;
    while (start > 0 && (common(w[start - 1]) || neutral(w[start - 1]))) {
      start--;
    }
    for (int i = start; i < w.length; i++) {
      if (common(w[i])) {
        w[i] = w[i].toLowerCase(Locale.ROOT);
      }
    }
    return String.join(" ", w);
  }

  /** A title-case or lower-case common word, or a hyphenated word made of them. */
  private boolean common(String word) {
    for (String part : word.split("-", -1)) {
      String bare = part.replaceAll("[,.:;!?]+$", "");
      String lower = bare.toLowerCase(Locale.ROOT);
      boolean titleCase =
          bare.length() >= 2
              && Character.isUpperCase(bare.charAt(0))
              && bare.substring(1).equals(bare.substring(1).toLowerCase(Locale.ROOT));
      // a common word in capitals is shouted, not an acronym ("VITAMIN C SERUM"); three letters or
      // fewer may be one ("SPF", "UV") and keep their case
      boolean shouted =
          bare.length() >= 4 && bare.equals(bare.toUpperCase(Locale.ROOT)) && !bare.equals(lower);
      if (!(titleCase || shouted || bare.equals(lower))
          || !(COMMON.contains(lower) || types.typeWord(lower))) {
        return false;
      }
    }
    return true;
  }

  /** A single capital letter or a number: kept as it is, without ending the run ("Vitamin C"). */
  private static boolean neutral(String word) {
    return word.matches("\\p{Lu}|[\\d.,%]+");
  }

  /**
   * The title's head: its first separator-delimited segment that has a letter, whole, when it is at
   * most {@value #MAX_WORDS} words and {@value #MAX_CHARS} characters once trailing sizes are
   * dropped, and reads as a closed phrase (no function word at its end, balanced brackets and
   * quotes); else empty. Never a cut segment.
   */
  static String head(String t) {
    List<String> segments = new ArrayList<>();
    String rest = t;
    while (!rest.isEmpty()) {
      int cut = rest.length();
      int sepLen = 0;
      for (String sep : SEPARATORS) {
        int i = rest.indexOf(sep);
        if (i >= 0 && i < cut) {
          cut = i;
          sepLen = sep.length();
        }
      }
      segments.add(rest.substring(0, cut));
      rest = cut + sepLen >= rest.length() ? "" : rest.substring(cut + sepLen);
    }
    for (String segment : segments) {
      String s = segment.strip();
      if (s.codePoints().anyMatch(Character::isLetter)) {
        return whole(s);
      }
    }
    return "";
  }

  /**
   * The segment without a trailing size ("12 oz", "5.1 US Fl Oz", "-0.5 oz", "50ml"), if it is
   * short and closed; else empty. A bare number, a percentage or "Pack" at the end is kept, so such
   * a segment is not closed ("Solbar Zinc SPF 38", "Mixed Chicks Quad Pack"): dropping it would
   * leave "SPF" or "Quad" dangling.
   */
  private static String whole(String segment) {
    List<String> w =
        new ArrayList<>(
            Arrays.asList(
                segment
                    .replaceAll("(?<=\\p{L})-(?=[\\d.]+\\s*" + UNIT + "\\s*$)", " ")
                    .split("\\s+")));
    while (!w.isEmpty()) {
      String last = lower(w.get(w.size() - 1));
      if (last.matches("[\\d.]*\\d[\\d.]*-?" + UNIT)) {
        w.remove(w.size() - 1); // "50ml"
      } else if (last.matches(UNIT) && w.size() >= 2) {
        w.remove(w.size() - 1);
        while (w.size() >= 2 && lower(w.get(w.size() - 1)).matches("fl|us|fluid")) {
          w.remove(w.size() - 1);
        }
        if (lower(w.get(w.size() - 1)).matches("[\\d.,/x-]*\\d[\\d.,/x-]*")) {
          w.remove(w.size() - 1); // "12 oz"
        } else {
          return ""; // a unit with no number before it: not a size this can drop
        }
      } else {
        break;
      }
    }
    String h = String.join(" ", w).replaceAll("[,.:;]+$", "").strip();
    if (w.size() > MAX_WORDS || h.length() > MAX_CHARS || !safe(h)) {
      return "";
    }
    return h;
  }

  private static final String UNIT =
      "(?:oz|ounces?|ml|g|gr|grams?|mg|kg|lbs?|l|cm|mm|inch|inches)\\.?";

  private static String lower(String word) {
    return word.toLowerCase(Locale.ROOT).replaceAll("[,:;!?)]+$", "");
  }

  /**
   * Whether a phrase can stand as a name: it has a letter, does not start or end on an open word,
   * and its brackets and quotes are balanced.
   */
  static boolean safe(String h) {
    if (h.isEmpty() || h.codePoints().noneMatch(Character::isLetter)) {
      return false;
    }
    String[] w = h.split("\\s+");
    if (dangling(w[w.length - 1]) || DANGLING.contains(w[0].toLowerCase(Locale.ROOT))) {
      return false;
    }
    return count(h, '(') == count(h, ')')
        && count(h, '[') == count(h, ']')
        && count(h, '"') % 2 == 0
        && count(h, '“') == count(h, '”');
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }

  /**
   * The words of the segment that names the type, from its start up to the type phrase, so the name
   * ends on its head noun: "Rosemary 100% Pure Therapeutic Grade Essential Oil" is not cut to "...
   * Grade Essential". Empty when that phrase is longer than a name may be: words are never dropped
   * from its middle ("Light Blonde Dual Style Comb" for a ponytail hairpiece with a drawstring comb
   * was a name the title does not contain).
   */
  static String endingOnType(ProductTypes.Match m) {
    List<String> words = new ArrayList<>(Arrays.asList(m.segment().split("\\s+")));
    int end = -1;
    for (int i = words.size(); i >= 1 && end < 0; i--) {
      String tail = ProductTypes.normalise(String.join(" ", words.subList(0, i)));
      if (tail.endsWith(m.phrase())) {
        end = i;
      }
    }
    if (end < 0 || end > MAX_WORDS) {
      return "";
    }
    // the type's last word may carry glued punctuation ("Essential Oil- 10 ml"): keep the word,
    // drop the mark
    String out = String.join(" ", words.subList(0, end)).replaceAll("[-,&/+.:;|~]+$", "").strip();
    return out.length() <= MAX_CHARS && safe(out) ? out : "";
  }

  /** Drops words from the end (and start) while they would leave the phrase open. */
  static String trimDangling(String s) {
    List<String> w = new ArrayList<>(Arrays.asList(s.strip().split("\\s+")));
    while (!w.isEmpty() && dangling(w.get(w.size() - 1))) {
      w.remove(w.size() - 1);
    }
    while (!w.isEmpty() && DANGLING.contains(w.get(0).toLowerCase(Locale.ROOT))) {
      w.remove(0);
    }
    String out = String.join(" ", w);
    return out.replaceAll("[-,&/+.:;|~'\"*]+$", "").strip();
  }

  /**
   * Whether a name ending on {@code word} leaves it open: a function word, a number or size, a
   * unit, a lone character, or a token cut at a hyphen, slash or bracket.
   */
  public static boolean dangling(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    String bare = w.replaceAll("[.,:;!?]+$", "");
    if (bare.isEmpty() || DANGLING.contains(w) || DANGLING.contains(bare)) {
      return true;
    }
    if (bare.matches(
        "[\\d.,/%x×-]+|[\\d.]*\\d[\\d.]*-?(?:oz|ml|fl|g|gr|mg|lb|lbs|inch|inches|in|ct|pk|pack|packs|count|ounces?|l|cm|mm)\\.?")) {
      return true;
    }
    // a lone letter dangles unless it is a capital that names something ("Vitamin C", "Plan B")
    if (word.codePointCount(0, word.length()) == 1 && !word.matches("[\\p{Lu}\\p{IsHan}]")) {
      return true;
    }
    return bare.matches(".*[-/(\\[{~+&]$")
        || (bare.chars().filter(c -> c == '(').count()
            != bare.chars().filter(c -> c == ')').count());
  }
}
