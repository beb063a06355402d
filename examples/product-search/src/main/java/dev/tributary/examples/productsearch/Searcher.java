package dev.tributary.examples.productsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.model.Hit;
import dev.tributary.opensearch.model.SearchPage;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import java.util.List;
import java.util.Locale;

/**
 * Partial-match product search ("wire mou" finds "Wireless Mouse") and its two renderings: an aligned
 * table with the matched word parts in [brackets] or ANSI bold, or JSON. Stateless.
 */
final class Searcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private Searcher() {}

    /**
     * Searches live products (tombstones left out), best first, with highlights.
     *
     * @param index the product index
     * @param text what the user typed; every word must match a word, a word start or (names) a fragment
     * @param size how many hits to return
     * @return the page
     */
    static SearchPage<Product> search(SearchIndex<Product> index, String text, int size) {
        return index.search(SearchQuery.builder()
                .text(text)
                .filter(ChangeEventIndexer.DELETED_FIELD, false)
                .highlight()
                .size(size)
                .build());
    }

    /** Returns a hit's name with the matches marked: {@code <em>} becomes [ ] or ANSI bold. */
    static String markedName(Hit<Product> hit, boolean ansi) {
        List<String> fragments = hit.highlights().get("name");
        String name = fragments == null || fragments.isEmpty() ? String.valueOf(hit.source().getName()) : fragments.get(0);
        return ansi ? name.replace("<em>", BOLD).replace("</em>", RESET)
                : name.replace("<em>", "[").replace("</em>", "]");
    }

    /** Renders the hits as an aligned table (id, score, name, price) followed by a total line. */
    static String table(SearchPage<Product> page, boolean ansi) {
        TextTable t = new TextTable("id", ">score", "name", ">price");
        for (Hit<Product> h : page.hits()) {
            t.row(h.id(), String.format(Locale.ROOT, "%.2f", h.score()), markedName(h, ansi),
                    String.format(Locale.ROOT, "%.2f", h.source().getPrice() == null ? 0.0 : h.source().getPrice()));
        }
        return t.render() + String.format(Locale.ROOT, "%d of %,d hits, %d ms in OpenSearch%n", page.hits().size(),
                page.total(), page.tookMillis());
    }

    /** Renders the hits as JSON: total, tookMillis and hits with id, score, name, highlighted name, brand, price. */
    static String json(String text, SearchPage<Product> page) {
        ObjectNode root = JSON.createObjectNode().put("query", text).put("total", page.total())
                .put("tookMillis", page.tookMillis());
        ArrayNode hits = root.putArray("hits");
        for (Hit<Product> h : page.hits()) {
            Product p = h.source();
            hits.addObject().put("id", h.id()).put("score", h.score()).put("name", p.getName())
                    .put("highlight", markedName(h, false)).put("brand", p.getBrand()).put("price", p.getPrice())
                    .put("version", p.getVersion());
        }
        return root.toPrettyString() + "\n";
    }
}
