package io.reasonflow.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help that wraps text at spaces only. Picocli wraps with a line {@link java.text.BreakIterator},
 * which also breaks after '/' and '.', so "/v1/users/{id}/recommendations" or "reasons.locale" came
 * out split over two lines: wrong to read and impossible to copy. A word longer than its column is
 * still broken, as picocli does.
 */
final class SpaceWrappedHelp extends Help {
  static final CommandLine.IHelpFactory FACTORY = SpaceWrappedHelp::new;

  private SpaceWrappedHelp(CommandSpec spec, ColorScheme scheme) {
    super(spec, scheme);
  }

  @Override
  public Layout createDefaultLayout() {
    return spaceWrapped(super.createDefaultLayout());
  }

  @Override
  public Layout createDefaultLayout(
      List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
    return spaceWrapped(super.createDefaultLayout(options, positionals, scheme));
  }

  @Override
  public TextTable createTextTable(Map<?, ?> map) {
    return Table.like(super.createTextTable(map), colorScheme());
  }

  /** The command's description, each line wrapped at spaces to the usage width. */
  @Override
  public String description(Object... params) {
    String[] lines = commandSpec().usageMessage().description();
    if (lines.length == 0) {
      return "";
    }
    TextTable t =
        new Table(
            colorScheme(),
            new Column(commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP));
    t.indentWrappedLines = 0;
    for (String line : lines) {
      t.addEmptyRow();
      t.putValue(
          t.rowCount() - 1,
          0,
          colorScheme().text(params.length == 0 ? line : String.format(line, params)));
    }
    return t.toString();
  }

  /**
   * The subcommands, each with the first line of its header or description (as picocli lists them).
   */
  @Override
  public String commandList(Map<String, Help> subcommands) {
    if (subcommands.isEmpty()) {
      return "";
    }
    int width = commandSpec().usageMessage().width();
    int names = 0;
    for (Help h : subcommands.values()) {
      names = Math.max(names, h.commandNamesText(", ").plainString().length());
    }
    names = Math.min(names, width / 2);
    TextTable t =
        new Table(
            colorScheme(),
            new Column(names + 2, 2, Column.Overflow.SPAN),
            new Column(width - (names + 2), 2, Column.Overflow.WRAP));
    for (Help h : subcommands.values()) {
      CommandLine.Model.UsageMessageSpec u = h.commandSpec().usageMessage();
      String[] summary = u.header().length > 0 ? u.header() : u.description();
      t.addRowValues(
          h.commandNamesText(", "), colorScheme().text(summary.length > 0 ? summary[0] : ""));
    }
    return t.toString();
  }

  private Layout spaceWrapped(Layout l) {
    return new Layout(
        colorScheme(),
        Table.like(l.textTable(), colorScheme()),
        l.optionRenderer(),
        l.parameterRenderer());
  }

  /** A text table whose wrapping columns break lines at spaces. */
  static final class Table extends TextTable {
    private final ColorScheme scheme;

    Table(ColorScheme scheme, Column... columns) {
      super(scheme, columns);
      this.scheme = scheme;
    }

    static Table like(TextTable t, ColorScheme scheme) {
      Table copy = new Table(scheme, t.columns());
      copy.indentWrappedLines = t.indentWrappedLines;
      copy.setAdjustLineBreaksForWideCJKCharacters(t.isAdjustLineBreaksForWideCJKCharacters());
      return copy;
    }

    @Override
    public Cell putValue(int row, int col, Ansi.Text value) {
      Column c = columns()[col];
      String plain = value == null ? "" : value.plainString();
      if (c.overflow != Column.Overflow.WRAP || plain.length() <= c.width - c.indent) {
        return super.putValue(row, col, value);
      }
      Cell cell = null;
      int r = row;
      List<String> lines = wrap(plain, c.width - c.indent, c.width - c.indent - indentWrappedLines);
      for (int i = 0; i < lines.size(); i++) {
        if (i > 0) {
          r++;
          while (rowCount() <= r) {
            addEmptyRow();
          }
        }
        cell =
            super.putValue(
                r, col, scheme.text((i > 0 ? " ".repeat(indentWrappedLines) : "") + lines.get(i)));
        r = cell.row;
      }
      return cell;
    }

    /**
     * Words (runs without spaces) filled into lines of {@code first}, then {@code rest},
     * characters.
     */
    static List<String> wrap(String text, int first, int rest) {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      int lead = 0;
      while (lead < text.length() && text.charAt(lead) == ' ') {
        lead++;
      }
      line.append(text, 0, lead); // a line's own indentation is kept
      for (String word : text.substring(lead).split(" +")) {
        int width = lines.isEmpty() ? first : rest;
        boolean blank = line.toString().isBlank();
        if (!blank && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          line.setLength(0);
          blank = true;
        }
        if (!blank) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
      return lines;
    }
  }
}
