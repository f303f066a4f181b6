package dev.lodestone.core.filter;

import dev.lodestone.core.filter.FilterParser.Kind;
import dev.lodestone.core.filter.FilterParser.Token;

import java.util.ArrayList;
import java.util.List;

/** Splits a filter expression into tokens, remembering where each starts. */
final class FilterLexer {
    private final String text;
    private int pos;

    FilterLexer(String text) {
        this.text = text;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
            if (pos >= text.length()) {
                out.add(new Token(Kind.END, "", text.length(), text.length()));
                return out;
            }
            out.add(token());
        }
    }

    private Token token() {
        int start = pos;
        char c = text.charAt(pos);
        switch (c) {
            case '(' -> { return single(Kind.LPAREN); }
            case ')' -> { return single(Kind.RPAREN); }
            case '[' -> { return single(Kind.LBRACKET); }
            case ']' -> { return single(Kind.RBRACKET); }
            case ',' -> { return single(Kind.COMMA); }
            case '"', '\'' -> { return string(c); }
            case '=', '!' -> {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '=') {
                    pos += 2;
                    return new Token(Kind.OPERATOR, text.substring(start, pos), start, pos);
                }
                throw new FilterSyntaxException("unexpected '" + c + "' (did you mean '" + c + "='?)", start);
            }
            case '<', '>' -> {
                pos += (pos + 1 < text.length() && text.charAt(pos + 1) == '=') ? 2 : 1;
                return new Token(Kind.OPERATOR, text.substring(start, pos), start, pos);
            }
            default -> {
                if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && pos + 1 < text.length()
                        && (Character.isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '.'))) {
                    return number();
                }
                if (isWordStart(c)) return word();
                throw new FilterSyntaxException("unexpected character '" + c + "'", start);
            }
        }
    }

    private Token single(Kind kind) {
        pos++;
        return new Token(kind, text.substring(pos - 1, pos), pos - 1, pos);
    }

    private Token string(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) return new Token(Kind.STRING, value.toString(), start, pos);
            if (c == '\\') {
                if (pos >= text.length()) break;
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'u' -> {
                        if (pos + 4 > text.length()) throw new FilterSyntaxException("bad \\u escape", pos - 2);
                        try {
                            value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw new FilterSyntaxException("bad \\u escape", pos - 2);
                        }
                        pos += 4;
                    }
                    default -> value.append(e);
                }
            } else {
                value.append(c);
            }
        }
        throw new FilterSyntaxException("unterminated string", start);
    }

    private Token number() {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean exponentSign = (c == '-' || c == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E');
            if (Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || exponentSign) pos++;
            else break;
        }
        if (pos < text.length() && isWordStart(text.charAt(pos))) {
            throw new FilterSyntaxException("malformed number", start);
        }
        return new Token(Kind.NUMBER, text.substring(start, pos), start, pos);
    }

    private Token word() {
        int start = pos;
        while (pos < text.length() && isWordPart(text.charAt(pos))) pos++;
        String w = text.substring(start, pos);
        if (w.endsWith(".") || w.contains("..")) throw new FilterSyntaxException("malformed attribute name '" + w + "'", start);
        return new Token(Kind.WORD, w, start, pos);
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-' || c == ':';
    }
}
