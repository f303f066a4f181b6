package dev.lodestone.image.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Helm chart templates for the chart test, since Helm itself cannot be installed on the build machines.
 *
 * <p>It implements the subset of Go's text/template and Helm's functions the chart uses — actions with whitespace
 * trimming ({@code {{-} / {@code -}}}), {@code if/else}, {@code range} over lists and maps, {@code with},
 * {@code define}/{@code include}, pipelines, variables ({@code $}, {@code $name}) and the functions {@code quote},
 * {@code toYaml}, {@code nindent}, {@code indent}, {@code default}, {@code and}, {@code or}, {@code not},
 * {@code gt}, {@code eq} and {@code fail}. Anything else is an error, so a template that strays outside the subset
 * fails the test instead of rendering wrongly. deploy/helm/lodestone/README.md says so to chart authors.
 */
final class GoTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{(-?)\\s*(.*?)\\s*(-?)}}", Pattern.DOTALL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** Thrown by the template's own {@code fail}. */
    static final class TemplateFailure extends RuntimeException {
        TemplateFailure(String message) {
            super(message);
        }
    }

    private sealed interface Node permits Text, Action, If, Range, With {
    }

    private record Text(String text) implements Node {
    }

    private record Action(String pipeline) implements Node {
    }

    private record If(String condition, List<Node> then, List<Node> otherwise) implements Node {
    }

    private record Range(String key, String value, String pipeline, List<Node> body) implements Node {
    }

    private record With(String pipeline, List<Node> body) implements Node {
    }

    private final Map<String, List<Node>> defines = new HashMap<>();

    /** Adds a file's {@code define} blocks (e.g. _helpers.tpl) and returns its top-level output nodes' template. */
    List<Object> parse(String source) {
        List<String> tokens = tokenize(source);
        var position = new int[]{0};
        List<Node> nodes = parseBlock(tokens, position, new ArrayList<>());
        return new ArrayList<>(nodes);
    }

    @SuppressWarnings("unchecked")
    String render(List<Object> template, Map<String, Object> root) {
        var out = new StringBuilder();
        renderNodes((List<Node>) (List<?>) template, root, root, new HashMap<>(), out);
        return out.toString();
    }

    // Tokens alternate: text, action, text, action, … (actions kept as "{{" + body + "}}" with trimming applied).
    private static List<String> tokenize(String source) {
        List<String> tokens = new ArrayList<>();
        Matcher m = ACTION.matcher(source);
        int last = 0;
        boolean trimNext = false;
        while (m.find()) {
            String text = source.substring(last, m.start());
            if (trimNext) {
                text = text.stripLeading();
            }
            if (!m.group(1).isEmpty()) {
                text = text.stripTrailing();
            }
            tokens.add(text);
            tokens.add("{{" + m.group(2) + "}}");
            trimNext = !m.group(3).isEmpty();
            last = m.end();
        }
        String rest = source.substring(last);
        tokens.add(trimNext ? rest.stripLeading() : rest);
        return tokens;
    }

    private List<Node> parseBlock(List<String> tokens, int[] at, List<String> terminator) {
        List<Node> nodes = new ArrayList<>();
        while (at[0] < tokens.size()) {
            String token = tokens.get(at[0]++);
            if (!token.startsWith("{{")) {
                if (!token.isEmpty()) {
                    nodes.add(new Text(token));
                }
                continue;
            }
            String body = token.substring(2, token.length() - 2).trim();
            if (body.startsWith("/*")) {
                continue;
            }
            if (body.equals("end") || body.equals("else")) {
                terminator.add(body);
                return nodes;
            }
            if (body.startsWith("define ")) {
                String name = unquote(body.substring(7).trim());
                defines.put(name, parseBlock(tokens, at, new ArrayList<>()));
            } else if (body.startsWith("if ")) {
                List<String> end = new ArrayList<>();
                List<Node> then = parseBlock(tokens, at, end);
                List<Node> otherwise = List.of();
                if (end.getLast().equals("else")) {
                    otherwise = parseBlock(tokens, at, new ArrayList<>());
                }
                nodes.add(new If(body.substring(3).trim(), then, otherwise));
            } else if (body.startsWith("range ")) {
                String spec = body.substring(6).trim();
                String key = null;
                String value = null;
                int assign = spec.indexOf(":=");
                if (assign > 0) {
                    String[] vars = spec.substring(0, assign).split(",");
                    if (vars.length == 2) {
                        key = vars[0].trim();
                        value = vars[1].trim();
                    } else {
                        value = vars[0].trim();
                    }
                    spec = spec.substring(assign + 2).trim();
                }
                nodes.add(new Range(key, value, spec, parseBlock(tokens, at, new ArrayList<>())));
            } else if (body.startsWith("with ")) {
                nodes.add(new With(body.substring(5).trim(), parseBlock(tokens, at, new ArrayList<>())));
            } else {
                nodes.add(new Action(body));
            }
        }
        return nodes;
    }

    private void renderNodes(List<Node> nodes, Object dot, Map<String, Object> root, Map<String, Object> vars, StringBuilder out) {
        for (Node node : nodes) {
            switch (node) {
                case Text t -> out.append(t.text());
                case Action a -> {
                    Object value = evaluate(a.pipeline(), dot, root, vars);
                    if (value != null) {
                        out.append(print(value));
                    }
                }
                case If i -> renderNodes(truthy(evaluate(i.condition(), dot, root, vars)) ? i.then() : i.otherwise(), dot, root, vars, out);
                case With w -> {
                    Object value = evaluate(w.pipeline(), dot, root, vars);
                    if (truthy(value)) {
                        renderNodes(w.body(), value, root, vars, out);
                    }
                }
                case Range r -> {
                    Object value = evaluate(r.pipeline(), dot, root, vars);
                    if (value instanceof Map<?, ?> map) {
                        for (var e : new java.util.TreeMap<>(map).entrySet()) {
                            var scope = new HashMap<>(vars);
                            if (r.key() != null) {
                                scope.put(r.key(), e.getKey());
                            }
                            if (r.value() != null) {
                                scope.put(r.value(), e.getValue());
                            }
                            renderNodes(r.body(), e.getValue(), root, scope, out);
                        }
                    } else if (value instanceof Collection<?> list) {
                        int index = 0;
                        for (Object item : list) {
                            var scope = new HashMap<>(vars);
                            if (r.key() != null) {
                                scope.put(r.key(), index);
                            }
                            if (r.value() != null) {
                                scope.put(r.value(), item);
                            }
                            renderNodes(r.body(), item, root, scope, out);
                            index++;
                        }
                    } else if (value != null) {
                        throw new IllegalArgumentException("range over " + value.getClass().getSimpleName());
                    }
                }
            }
        }
    }

    // ---- expressions: pipeline = command ('|' command)*; command = operand+ ----

    private Object evaluate(String pipeline, Object dot, Map<String, Object> root, Map<String, Object> vars) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String word : words(pipeline)) {
            if (word.equals("|")) {
                commands.add(current);
                current = new ArrayList<>();
            } else {
                current.add(word);
            }
        }
        commands.add(current);
        Object value = null;
        boolean first = true;
        for (List<String> command : commands) {
            List<Object> args = new ArrayList<>();
            String head = command.getFirst();
            boolean function = Character.isLetter(head.charAt(0));
            for (String word : function ? command.subList(1, command.size()) : command) {
                args.add(operand(word, dot, root, vars));
            }
            if (!first) {
                args.add(value);
            }
            value = function ? call(head, args, root, vars) : args.getFirst();
            first = false;
        }
        return value;
    }

    private Object operand(String word, Object dot, Map<String, Object> root, Map<String, Object> vars) {
        if (word.startsWith("(")) {
            return evaluate(word.substring(1, word.length() - 1), dot, root, vars);
        }
        if (word.startsWith("\"")) {
            return unquote(word);
        }
        if (word.matches("-?\\d+")) {
            return Integer.parseInt(word);
        }
        if (word.equals("true") || word.equals("false")) {
            return Boolean.parseBoolean(word);
        }
        if (word.equals(".")) {
            return dot;
        }
        if (word.startsWith("$")) {
            int fieldStart = word.indexOf('.');
            String name = fieldStart < 0 ? word : word.substring(0, fieldStart);
            Object base = name.equals("$") ? root : vars.get(name);
            if (!name.equals("$") && !vars.containsKey(name)) {
                throw new IllegalArgumentException("undefined variable " + name);
            }
            return fieldStart < 0 ? base : field(base, word.substring(fieldStart));
        }
        if (word.startsWith(".")) {
            return field(dot, word);
        }
        throw new IllegalArgumentException("unsupported operand " + word);
    }

    private static Object field(Object base, String path) {
        Object value = base;
        for (String name : path.substring(1).split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(name);
        }
        return value;
    }

    private Object call(String function, List<Object> args, Map<String, Object> root, Map<String, Object> vars) {
        return switch (function) {
            case "include" -> {
                List<Node> body = defines.get((String) args.get(0));
                if (body == null) {
                    throw new IllegalArgumentException("no template named " + args.get(0));
                }
                var out = new StringBuilder();
                renderNodes(body, args.get(1), root, new HashMap<>(), out);
                yield out.toString();
            }
            case "quote" -> "\"" + print(args.getFirst()).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case "toYaml" -> toYaml(args.getFirst());
            case "nindent" -> "\n" + indent((Integer) args.get(0), print(args.get(1)));
            case "indent" -> indent((Integer) args.get(0), print(args.get(1)));
            case "default" -> truthy(args.get(1)) ? args.get(1) : args.get(0);
            case "not" -> !truthy(args.getFirst());
            case "and" -> {
                for (Object a : args) {
                    if (!truthy(a)) {
                        yield a;
                    }
                }
                yield args.getLast();
            }
            case "or" -> {
                for (Object a : args) {
                    if (truthy(a)) {
                        yield a;
                    }
                }
                yield args.getLast();
            }
            case "gt" -> ((Number) args.get(0)).doubleValue() > ((Number) args.get(1)).doubleValue();
            case "eq" -> String.valueOf(args.get(0)).equals(String.valueOf(args.get(1)));
            case "fail" -> throw new TemplateFailure(print(args.getFirst()));
            default -> throw new IllegalArgumentException("unsupported template function " + function);
        };
    }

    // Splits on spaces outside quotes and parentheses; '|' is its own word.
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        var word = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                word.append(c);
                if (c == '\\') {
                    word.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
                word.append(c);
            } else if (c == '(') {
                depth++;
                word.append(c);
            } else if (c == ')') {
                depth--;
                word.append(c);
            } else if (depth == 0 && (c == ' ' || c == '|')) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                if (c == '|') {
                    words.add("|");
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            default -> true;
        };
    }

    private static String print(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String indent(int spaces, String text) {
        String pad = " ".repeat(spaces);
        return pad + text.replace("\n", "\n" + pad);
    }

    private static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value == null ? new LinkedHashMap<>() : value).stripTrailing();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
