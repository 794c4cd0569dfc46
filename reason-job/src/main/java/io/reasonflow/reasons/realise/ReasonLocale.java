package io.reasonflow.reasons.realise;

import io.reasonflow.common.UserError;
import java.util.Arrays;

/** The languages reasons are written in. */
public enum ReasonLocale {
  EN("en"),
  ZH_CN("zh-CN");

  private final String tag;

  ReasonLocale(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag written to outputs: {@code en}, {@code zh-CN}. */
  public String tag() {
    return tag;
  }

  public static ReasonLocale parse(String tag) {
    for (ReasonLocale l : values()) {
      if (l.tag.equalsIgnoreCase(tag.strip()) || l.name().equalsIgnoreCase(tag.strip())) {
        return l;
      }
    }
    throw new UserError(
        "unknown reason locale '"
            + tag
            + "': use one of "
            + Arrays.stream(values()).map(ReasonLocale::tag).toList());
  }
}
