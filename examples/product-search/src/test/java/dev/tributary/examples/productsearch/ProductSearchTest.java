package dev.tributary.examples.productsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line's pure parts: flags, usage errors, tables and generated products. No servers. */
class ProductSearchTest {

    @Test
    void parse_flagsSwitchesAndPositionals_areSeparated() {
        Options o = Options.parse("search", "wire", "mou", "--index", "shop", "--json", "--size=3");
        assertThat(o.command()).isEqualTo("search");
        assertThat(o.positional()).containsExactly("wire", "mou");
        assertThat(o.value("index", "products")).isEqualTo("shop");
        assertThat(o.value("size", "10")).isEqualTo("3");
        assertThat(o.has("json")).isTrue();
        assertThat(o.value("table", "products")).isEqualTo("products");
    }

    @Test
    void parse_unknownFlag_namesIt() {
        assertThatThrownBy(() -> Options.parse("demo", "--tabel", "x")).hasMessageContaining("--tabel");
    }

    @Test
    void run_usageErrors_exitTwoWithoutStartingServers() {
        assertThat(ProductSearch.run(new String[] {"frobnicate"}, quiet(), quiet())).isEqualTo(2);
        assertThat(ProductSearch.run(new String[] {"demo", "--nope"}, quiet(), quiet())).isEqualTo(2);
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(ProductSearch.run(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8), quiet()))
                .isZero();
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("gone when the command ends");
    }

    @Test
    void render_ansiCells_alignByVisibleWidth() {
        String out = new TextTable("name", ">price").row("\u001b[1mWire\u001b[0mless", "9.99").row("Hub", "19.99").render();
        String[] lines = out.split("\n");
        assertThat(lines[2].replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("Wireless   9.99");
        assertThat(lines[3]).isEqualTo("Hub       19.99");
    }

    @Test
    void next_manyProducts_uniqueIdsAndDescriptionsRepeatTheName() {
        Catalogue c = Catalogue.create(1, "t");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Product p = c.next();
            assertThat(ids.add(p.getId())).isTrue();
            assertThat(p.getDescription()).contains(p.getName());
            assertThat(p.getPrice()).isBetween(4.0, 301.0);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
