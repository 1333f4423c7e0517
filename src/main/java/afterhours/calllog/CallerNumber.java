package afterhours.calllog;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One caller's number, a data subject's key to everything held about them: its canonical form and every form the
 * call log may hold it in ({@link NumberPlan}). Its {@code toString} is masked, so it cannot reach a log line by
 * accident.
 *
 * @param canonical {@code +46701234567}, or a short number as it is ({@code 112})
 * @param storedForms every stored text that is this number, the canonical form first
 */
public record CallerNumber(String canonical, List<String> storedForms) {
    /** Digits hidden at the end of a masked number: the exports' and the notices' masking. */
    public static final int MASKED_DIGITS = 4;
    /** A run of digits (separators allowed inside) long enough to be a phone number, in free text. */
    private static final Pattern IN_TEXT = Pattern.compile("\\+?[0-9](?:[\\s\\-.]?[0-9]){5,}");

    public CallerNumber {
        storedForms = List.copyOf(storedForms);
    }

    /** The canonical form with its last {@value #MASKED_DIGITS} digits hidden: {@code +4670123xxxx}. */
    public String masked() {
        return CsvExport.mask(canonical, MASKED_DIGITS);
    }

    /** Free text (a note) with every number in it masked as exports mask them, for a record that must hold none. */
    public static String maskNumbersIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(CsvExport.mask(m.group(), MASKED_DIGITS)));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return "CallerNumber[" + masked() + "]";
    }
}
