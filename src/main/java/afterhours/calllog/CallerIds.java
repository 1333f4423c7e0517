package afterhours.calllog;

import java.util.regex.Pattern;

/**
 * What the PBX reports as the caller, made into what the call log keeps. A withheld caller arrives as a word
 * ({@code anonymous}, {@code unknown}, {@code restricted}) or as something Asterisk filled in (a Local channel
 * without caller ID reports the extension it runs, such as {@code s}): none of these is a number anyone can call
 * back, so the log keeps none. And the contractor sees the caller's name behind the line's prefix ({@code "TC: "}):
 * that prefix is the service's, not the caller's.
 */
public final class CallerIds {
    /** Digits, optionally a leading {@code +}, with the separators people write; a star or hash for PBX codes. */
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#][0-9*# -]{0,39}");

    private CallerIds() {
    }

    /** The caller's number, or null when the caller gave none (withheld, a word, empty). */
    public static String number(String reported) {
        if (reported == null) {
            return null;
        }
        String n = reported.strip();
        return NUMBER.matcher(n).matches() && n.chars().anyMatch(Character::isDigit) ? n : null;
    }

    /** The caller's name without the line's prefix in front of it; null when nothing of the caller's is left. */
    public static String name(String reported, String prefix) {
        if (reported == null) {
            return null;
        }
        String name = reported;
        String p = prefix == null ? "" : prefix.strip();
        if (!p.isEmpty() && name.strip().startsWith(p)) {
            name = name.strip().substring(p.length());
        }
        name = name.strip();
        return name.isEmpty() ? null : name;
    }
}
