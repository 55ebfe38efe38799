package io.github.iothubmqtt.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code WHERE} clause of an edgeHub route, in the subset of IoT Hub's routing query language the emulator
 * evaluates: comparisons ({@code = != <> < <= > >=}) of references and literals ('strings', numbers, true, false,
 * null), {@code AND}, {@code OR}, {@code NOT}, parentheses and {@code IS_DEFINED(ref)}. A reference is an
 * application property ({@code alert}), a system property ({@code $connectionModuleId}) or a body field
 * ({@code $body.temperature}); what it names is the resolver's business. Comparing what is undefined, or values of
 * different types, is undefined, and a route is taken only when its condition is true.
 */
final class RouteCondition {

    /** The value of a reference that names nothing. */
    static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    private interface Node {
        Object evaluate(Function<String, Object> resolver);
    }

    private final String text;
    private final Node root;

    private RouteCondition(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses a condition; throws {@link IllegalArgumentException} naming what is wrong and where. */
    static RouteCondition parse(String text) {
        Parser parser = new Parser(text);
        Node root = parser.or();
        parser.expectEnd();
        return new RouteCondition(text, root);
    }

    /** Whether the condition is true for a message whose references the resolver looks up. */
    boolean test(Function<String, Object> resolver) {
        return Boolean.TRUE.equals(root.evaluate(resolver));
    }

    @Override
    public String toString() {
        return text;
    }

    private static Object and(Object left, Object right) {
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return false;
        }
        return Boolean.TRUE.equals(left) && Boolean.TRUE.equals(right) ? true : UNDEFINED;
    }

    private static Object or(Object left, Object right) {
        if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
            return true;
        }
        return Boolean.FALSE.equals(left) && Boolean.FALSE.equals(right) ? false : UNDEFINED;
    }

    private static Object not(Object value) {
        return value instanceof Boolean bool ? !bool : UNDEFINED;
    }

    private static Object compare(String operator, Object left, Object right) {
        if (left == UNDEFINED || right == UNDEFINED) {
            return UNDEFINED;
        }
        if (operator.equals("=") || operator.equals("!=") || operator.equals("<>")) {
            if (left != null && right != null && left.getClass() != right.getClass()) {
                return UNDEFINED;
            }
            return operator.equals("=") == Objects.equals(left, right);
        }
        int order;
        if (left instanceof Double a && right instanceof Double b) {
            order = Double.compare(a, b);
        } else if (left instanceof String a && right instanceof String b) {
            order = a.compareTo(b);
        } else {
            return UNDEFINED;
        }
        return switch (operator) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    /** Recursive descent over the tokens; precedence NOT over AND over OR. */
    private static final class Parser {

        private final String text;
        private final List<String> tokens;
        private int next;

        Parser(String text) {
            this.text = text;
            this.tokens = tokenize(text);
        }

        Node or() {
            Node node = and();
            while (keyword("OR")) {
                Node left = node;
                Node right = and();
                node = resolver -> RouteCondition.or(left.evaluate(resolver), right.evaluate(resolver));
            }
            return node;
        }

        private Node and() {
            Node node = not();
            while (keyword("AND")) {
                Node left = node;
                Node right = not();
                node = resolver -> RouteCondition.and(left.evaluate(resolver), right.evaluate(resolver));
            }
            return node;
        }

        private Node not() {
            if (keyword("NOT")) {
                Node operand = not();
                return resolver -> RouteCondition.not(operand.evaluate(resolver));
            }
            return comparison();
        }

        private Node comparison() {
            Node left = operand();
            String operator = peek();
            if (operator != null && List.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(operator)) {
                next++;
                Node right = operand();
                return resolver -> compare(operator, left.evaluate(resolver), right.evaluate(resolver));
            }
            return left;
        }

        private Node operand() {
            String token = take("an operand");
            if (token.equals("(")) {
                Node inner = or();
                expect(")");
                return inner;
            }
            if (token.startsWith("'")) {
                String literal = token.substring(1, token.length() - 1).replace("''", "'");
                return resolver -> literal;
            }
            if (Character.isDigit(token.charAt(0)) || token.charAt(0) == '-' || token.charAt(0) == '.') {
                Double number = number(token);
                return resolver -> number;
            }
            String upper = token.toUpperCase(Locale.ROOT);
            switch (upper) {
                case "TRUE", "FALSE" -> {
                    Boolean bool = upper.equals("TRUE");
                    return resolver -> bool;
                }
                case "NULL" -> {
                    return resolver -> null;
                }
                case "IS_DEFINED" -> {
                    expect("(");
                    String reference = reference(take("a reference"));
                    expect(")");
                    return resolver -> resolver.apply(reference) != UNDEFINED;
                }
                default -> {
                    String reference = reference(token);
                    return resolver -> resolver.apply(reference);
                }
            }
        }

        private String reference(String token) {
            if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '$' && token.charAt(0) != '_') {
                throw error("'" + token + "' is not a property reference");
            }
            return token;
        }

        private Double number(String token) {
            try {
                return Double.valueOf(token);
            } catch (NumberFormatException e) {
                throw error("'" + token + "' is not a number");
            }
        }

        private boolean keyword(String keyword) {
            String token = peek();
            if (token != null && token.equalsIgnoreCase(keyword)) {
                next++;
                return true;
            }
            return false;
        }

        private String peek() {
            return next < tokens.size() ? tokens.get(next) : null;
        }

        private String take(String what) {
            if (next >= tokens.size()) {
                throw error("it ends where " + what + " should follow");
            }
            return tokens.get(next++);
        }

        private void expect(String token) {
            if (!token.equals(take("'" + token + "'"))) {
                throw error("'" + token + "' expected before '" + tokens.get(next - 1) + "'");
            }
        }

        void expectEnd() {
            if (next < tokens.size()) {
                throw error("'" + tokens.get(next) + "' is not expected here");
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("WHERE " + text + ": " + problem);
        }

        private static List<String> tokenize(String text) {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                int start = i;
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                if (c == '\'') {
                    i++;
                    while (i < text.length() && !(text.charAt(i) == '\'' && !text.startsWith("''", i))) {
                        i += text.startsWith("''", i) ? 2 : 1;
                    }
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("WHERE " + text + ": a string literal is not closed");
                    }
                    i++;
                } else if ("()=".indexOf(c) >= 0) {
                    i++;
                } else if ("<>!".indexOf(c) >= 0) {
                    i += text.startsWith("<=", i) || text.startsWith(">=", i) || text.startsWith("<>", i)
                            || text.startsWith("!=", i) ? 2 : 1;
                } else {
                    while (i < text.length() && isWordPart(text.charAt(i))) {
                        i++;
                    }
                    if (i == start) {
                        throw new IllegalArgumentException("WHERE " + text + ": unexpected character '" + c + "'");
                    }
                }
                tokens.add(text.substring(start, i));
            }
            return tokens;
        }

        private static boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '$' || c == '_' || c == '.' || c == '-';
        }
    }
}
