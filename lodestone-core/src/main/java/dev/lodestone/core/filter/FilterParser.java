package dev.lodestone.core.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser of the filter language (docs/api.md, Recommendations):
 * <pre>
 * expr       := orExpr
 * orExpr     := andExpr ("or" andExpr)*
 * andExpr    := unary ("and" unary)*
 * unary      := "not" unary | "(" expr ")" | comparison
 * comparison := key ("==" | "!=" | "<" | "<=" | ">" | ">=" | "contains") literal
 *             | key "in" "[" [literal ("," literal)*] "]"
 * literal    := string | number | true | false
 * </pre>
 * Keywords are case-insensitive; keys may be dotted ({@code brand.name}) or quoted strings in backticks are not
 * supported. Every error carries the 0-based position of the offending token.
 */
final class FilterParser {
    private final String text;
    private final List<Token> tokens;
    private int next;

    private FilterParser(String text) {
        this.text = text;
        this.tokens = new FilterLexer(text).tokens();
    }

    static FilterExpression parse(String text) {
        if (text == null || text.isBlank()) return FilterNode.MatchAll.INSTANCE;
        FilterParser parser = new FilterParser(text);
        FilterNode node = parser.orExpr();
        Token end = parser.peek();
        if (end.kind() != Kind.END) throw parser.unexpected(end, "expected 'and', 'or' or end of expression");
        return node;
    }

    private FilterNode orExpr() {
        FilterNode left = andExpr();
        while (peekKeyword("or")) {
            next++;
            left = new FilterNode.Or(left, andExpr());
        }
        return left;
    }

    private FilterNode andExpr() {
        FilterNode left = unary();
        while (peekKeyword("and")) {
            next++;
            left = new FilterNode.And(left, unary());
        }
        return left;
    }

    private FilterNode unary() {
        if (peekKeyword("not")) {
            next++;
            return new FilterNode.Not(unary());
        }
        Token t = peek();
        if (t.kind() == Kind.LPAREN) {
            next++;
            FilterNode inner = orExpr();
            expect(Kind.RPAREN, "expected ')'");
            return inner;
        }
        return comparison();
    }

    private FilterNode comparison() {
        Token key = peek();
        if (key.kind() != Kind.WORD || isReserved(key.text())) throw unexpected(key, "expected an attribute name");
        next++;
        Token op = peek();
        if (op.kind() == Kind.OPERATOR) {
            next++;
            return new FilterNode.Compare(key.text(), FilterNode.Operator.of(op.text()), literal());
        }
        if (op.kind() == Kind.WORD && op.text().equalsIgnoreCase("contains")) {
            next++;
            return new FilterNode.Contains(key.text(), literal());
        }
        if (op.kind() == Kind.WORD && op.text().equalsIgnoreCase("in")) {
            next++;
            return new FilterNode.In(key.text(), list());
        }
        throw unexpected(op, "expected an operator (== != < <= > >= in contains)");
    }

    private List<Object> list() {
        expect(Kind.LBRACKET, "expected '['");
        List<Object> values = new ArrayList<>();
        if (peek().kind() == Kind.RBRACKET) {
            next++;
            return List.copyOf(values);
        }
        values.add(literal());
        while (peek().kind() == Kind.COMMA) {
            next++;
            values.add(literal());
        }
        expect(Kind.RBRACKET, "expected ',' or ']'");
        return List.copyOf(values);
    }

    private Object literal() {
        Token t = peek();
        switch (t.kind()) {
            case STRING -> {
                next++;
                return t.text();
            }
            case NUMBER -> {
                next++;
                return number(t);
            }
            case WORD -> {
                String w = t.text().toLowerCase(Locale.ROOT);
                if (w.equals("true") || w.equals("false")) {
                    next++;
                    return Boolean.valueOf(w);
                }
                throw unexpected(t, "expected a string, number or boolean literal (strings need quotes)");
            }
            default -> throw unexpected(t, "expected a string, number or boolean literal");
        }
    }

    private static Number number(Token t) {
        String s = t.text();
        try {
            if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException tooLong) {
                    return new BigDecimal(s);
                }
            }
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException("malformed number '" + s + "'", t.position());
        }
    }

    private void expect(Kind kind, String message) {
        Token t = peek();
        if (t.kind() != kind) throw unexpected(t, message);
        next++;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private boolean peekKeyword(String keyword) {
        Token t = peek();
        return t.kind() == Kind.WORD && t.text().equalsIgnoreCase(keyword);
    }

    private static boolean isReserved(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "and", "or", "not", "in", "contains", "true", "false" -> true;
            default -> false;
        };
    }

    private FilterSyntaxException unexpected(Token t, String message) {
        String found = t.kind() == Kind.END ? "end of expression" : "'" + text.substring(t.position(), t.end()) + "'";
        return new FilterSyntaxException(message + ", found " + found, t.position());
    }

    enum Kind { WORD, STRING, NUMBER, OPERATOR, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, END }

    /** {@code text} is the decoded value for strings, the source text otherwise. */
    record Token(Kind kind, String text, int position, int end) {
    }
}
