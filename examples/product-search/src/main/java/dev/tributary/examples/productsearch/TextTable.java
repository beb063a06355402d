package dev.tributary.examples.productsearch;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns; widths ignore ANSI escape codes, so bold text lines up too.
 * Numeric columns (marked with a leading {@code >} in the header) are right-aligned. Not thread-safe.
 */
final class TextTable {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * Starts a table.
     *
     * @param headers column titles; prefix one with {@code >} to right-align its column
     */
    TextTable(String... headers) {
        for (String h : headers) {
            this.right.add(h.startsWith(">"));
            this.headers.add(h.startsWith(">") ? h.substring(1) : h);
        }
    }

    /** Adds a row (one cell per column). */
    TextTable row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    /** Renders the table, a header line, a rule and the rows, each line ending with a newline. */
    String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], visible(r.get(c)));
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        line(sb, rule, widths);
        rows.forEach(r -> line(sb, r, widths));
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - visible(cell));
            sb.append(c == 0 ? "" : "  ").append(right.get(c) ? pad + cell : c == widths.length - 1 ? cell : cell + pad);
        }
        sb.append('\n');
    }

    private static int visible(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
