package afterhours.calllog;

import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import afterhours.validation.WholeNumber;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a caller's number is written in the call log, so that one person's number is found in every form the PBX
 * may have stored it in. With the country code 46 these are one number:
 * <ul>
 * <li>{@code +46701234567} (international, the canonical form),</li>
 * <li>{@code 0046701234567} (the international prefix 00 instead of +),</li>
 * <li>{@code 0701234567} (national: the trunk prefix 0 instead of the country code),</li>
 * <li>{@code 46701234567} (the country code without +, as some trunks deliver it; only when at least
 * {@value #MIN_NATIONAL_DIGITS} digits follow it, so a short number starting with 46 stays itself).</li>
 * </ul>
 * A number of another country has two forms ({@code +4520123456}, {@code 004520123456}: without + its digits
 * could be a national number's); a short number without 0 or + (an extension, 112) is only itself. Spaces, dashes, dots and brackets
 * between the digits are ignored when a person writes a number, never inside a stored one.
 *
 * @param countryCode the country code of the line's national numbers ({@code calllog.countryCode}, 1-999)
 */
public record NumberPlan(int countryCode) {
    public static final int DEFAULT_COUNTRY_CODE = 46;
    /** National significant digits a number has at least, when a country code without + is taken for one. */
    public static final int MIN_NATIONAL_DIGITS = 7;
    public static final int MAX_DIGITS = 20;
    private static final Pattern WRITTEN = Pattern.compile("\\+?[0-9]{2," + MAX_DIGITS + "}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()/]");

    public static final NumberPlan DEFAULT = new NumberPlan(DEFAULT_COUNTRY_CODE);

    public NumberPlan {
        WholeNumber.check(countryCode, 1, 999, "calllog.countryCode");
    }

    /** A number as a person wrote it (a request, a command line), or {@link Rule#CALLER_NUMBER} naming {@code field}. */
    public CallerNumber parse(String text, String field) {
        String digits = text == null ? "" : SEPARATORS.matcher(text.strip()).replaceAll("");
        if (!WRITTEN.matcher(digits).matches()) {
            throw new InvalidField(field, Rule.CALLER_NUMBER, Map.of("value", text == null ? "" : text),
                    "expected a caller's number: 2-" + MAX_DIGITS + " digits, optionally a leading + (as 0701234567,"
                            + " +46701234567 or 0046701234567), was '" + (text == null ? "" : text) + "'");
        }
        return of(canonical(digits));
    }

    /** The number a stored caller number is, if it is one ({@code anonymous}, a name or nothing is none). */
    public Optional<CallerNumber> stored(String value) {
        if (value == null || !WRITTEN.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(of(canonical(value)));
    }

    /** The canonical form: {@code +} and the country code for a national or international number, else as written. */
    String canonical(String digits) {
        String cc = Integer.toString(countryCode);
        if (digits.startsWith("+")) {
            return digits;
        }
        if (digits.startsWith("00") && digits.length() > 2) {
            return "+" + digits.substring(2);
        }
        if (digits.startsWith("0") && digits.length() > 1) {
            return "+" + cc + digits.substring(1);
        }
        if (digits.startsWith(cc) && digits.length() >= cc.length() + MIN_NATIONAL_DIGITS) {
            return "+" + digits;
        }
        return digits;
    }

    /** The number with every stored form that {@link #canonical} turns into it. */
    private CallerNumber of(String canonical) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(canonical);
        if (canonical.startsWith("+")) {
            String international = canonical.substring(1);
            forms.add("00" + international);
            String cc = Integer.toString(countryCode);
            if (international.startsWith(cc) && international.length() > cc.length()) {
                forms.add("0" + international.substring(cc.length()));
            }
            forms.add(international);   // kept below only where canonical takes it for this number
        }
        forms.removeIf(f -> f.replace("+", "").length() > MAX_DIGITS || !canonical(f).equals(canonical));
        return new CallerNumber(canonical, forms.stream().toList());
    }
}
