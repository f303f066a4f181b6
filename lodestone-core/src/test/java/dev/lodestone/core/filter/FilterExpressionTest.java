package dev.lodestone.core.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterExpressionTest {
    private static final Map<String, Object> SHOE = Map.of(
            "category", "shoes",
            "price", 79.5,
            "stock", 3L,
            "in_stock", true,
            "tags", List.of("red", "sport"),
            "title", "Fast red runner",
            "brand", Map.of("name", "Acme", "country", "DE"),
            "size.eu", 42);

    private static boolean matches(String expression) {
        return FilterExpression.parse(expression).test(SHOE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "category == \"shoes\"                 | true",
            "category == 'shirts'                  | false",
            "category != \"shirts\"                | true",
            "category != \"shoes\"                 | false",
            "price < 100                           | true",
            "price < 79.5                          | false",
            "price <= 79.5                         | true",
            "price > 79                            | true",
            "price >= 80                           | false",
            "stock == 3.0                          | true",
            "stock in [1, 2, 3]                    | true",
            "category in [\"a\", \"shoes\"]        | true",
            "category in []                        | false",
            "tags contains \"red\"                 | true",
            "tags contains \"blue\"                | false",
            "title contains \"red\"                | true",
            "tags == \"sport\"                     | true",
            "tags in [\"blue\", \"sport\"]         | true",
            "in_stock == true                      | true",
            "in_stock == false                     | false",
            "brand.name == \"Acme\"                | true",
            "size.eu == 42                         | true",
            "missing == 1                          | false",
            "missing != 1                          | false",
            "missing < 1                           | false",
            "not missing == 1                      | true",
            "category < \"t\"                      | true",
            "price < \"100\"                       | false",
            "not category == \"shoes\"             | false",
            "category == \"shoes\" and price < 100 and tags contains \"red\" | true",
            "category == \"x\" or price < 100      | true",
            "category == \"x\" or price > 100      | false",
            "CATEGORY == \"shoes\"                 | false",
            "category == \"shoes\" AND NOT (price > 100 OR stock < 1) | true",
    })
    void operators(String expression, boolean expected) {
        assertThat(matches(expression)).as(expression).isEqualTo(expected);
    }

    @Test
    void andBindsTighterThanOr() {
        // false and false or true == (false and false) or true
        assertThat(matches("category == \"x\" and price > 100 or stock == 3")).isTrue();
        // true or false and false == true or (false and false)
        assertThat(matches("stock == 3 or category == \"x\" and price > 100")).isTrue();
        assertThat(matches("(stock == 3 or category == \"x\") and price > 100")).isFalse();
        assertThat(matches("not stock == 3 or stock == 3")).isTrue();
    }

    @Test
    void numbersCompareNumericallyWhateverTheirClass() {
        Map<String, Object> a = Map.of("n", new BigDecimal("10.0"), "i", 7, "d", 0.1, "big", new java.math.BigInteger("12345678901234567890"));
        assertThat(FilterExpression.parse("n == 10").test(a)).isTrue();
        assertThat(FilterExpression.parse("i > 6.5").test(a)).isTrue();
        assertThat(FilterExpression.parse("big > 12345678901234567889").test(a)).isTrue();
        assertThat(FilterExpression.parse("n >= -1e3").test(a)).isTrue();
        assertThat(FilterExpression.parse("d == 0.1").test(a)).isTrue();
    }

    @Test
    void parsedExpressionsAreEqualByStructure() {
        assertThat(FilterExpression.parse("a == 1 and b in [\"x\"]"))
                .isEqualTo(FilterExpression.parse("a==1  AND b in ['x']"));
        assertThat(FilterExpression.parse("  ").test(Map.of())).isTrue();
    }

    @Test
    void stringEscapes() {
        assertThat(FilterExpression.parse("q == \"say \\\"hi\\\"\"").test(Map.of("q", "say \"hi\""))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "category ==                     | 11",
            "category = \"shoes\"            | 9",
            "category == \"shoes            | 12",
            "category == shoes               | 12",
            "(price < 1                      | 10",
            "price < 1)                      | 9",
            "price < 1 and                   | 13",
            "price ~ 1                       | 6",
            "== 1                            | 0",
            "tags in [\"a\" \"b\"]           | 13",
            "tags in \"a\"                   | 8",
            "price 1                         | 6",
            "and == 1                        | 0",
            "price < 1 price > 2             | 10",
            "price < 12abc                   | 8",
    })
    void errorsCarryThePosition(String expression, int position) {
        assertThatThrownBy(() -> FilterExpression.parse(expression))
                .isInstanceOf(FilterSyntaxException.class)
                .satisfies(e -> assertThat(((FilterSyntaxException) e).position()).as(e.getMessage()).isEqualTo(position));
    }
}
