package afterhours.dialplan;

import java.util.ArrayList;
import java.util.List;

/** Asterisk's $[...] expressions, the subset the shipped dialplan uses: = != < <= > >= & | and quotes. */
final class Expression {
    private final List<String> tokens;
    private int pos;

    private Expression(List<String> tokens) {
        this.tokens = tokens;
    }

    static String evaluate(String text) {
        Expression e = new Expression(tokenize(text));
        String value = e.or();
        if (e.pos != e.tokens.size()) {
            throw new IllegalArgumentException("cannot evaluate $[" + text + "]");
        }
        return value;
    }

    private String or() {
        String left = and();
        while (peek("|")) {
            pos++;
            String right = and();
            left = truthy(left) || truthy(right) ? "1" : "0";
        }
        return left;
    }

    private String and() {
        String left = comparison();
        while (peek("&")) {
            pos++;
            String right = comparison();
            left = truthy(left) && truthy(right) ? "1" : "0";
        }
        return left;
    }

    private String comparison() {
        String left = operand();
        for (String op : List.of("=", "!=", "<", "<=", ">", ">=")) {
            if (peek(op)) {
                pos++;
                String right = operand();
                int c = compare(left, right);
                boolean result = switch (op) {
                    case "=" -> c == 0;
                    case "!=" -> c != 0;
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
                return result ? "1" : "0";
            }
        }
        return left;
    }

    private String operand() {
        if (pos >= tokens.size()) {
            return "";
        }
        return tokens.get(pos++);
    }

    private boolean peek(String op) {
        return pos < tokens.size() && tokens.get(pos).equals(op);
    }

    private static int compare(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static boolean truthy(String v) {
        return !v.isEmpty() && !v.equals("0");
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                out.add(text.substring(i + 1, end));
                i = end + 1;
            } else if ("=&|".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if ("!<>".indexOf(c) >= 0) {
                boolean eq = i + 1 < text.length() && text.charAt(i + 1) == '=';
                out.add(eq ? c + "=" : String.valueOf(c));
                i += eq ? 2 : 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "=&|!<>\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
