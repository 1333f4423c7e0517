package afterhours.validation;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of an allow-list of hosts: a host name or an IP address as written ({@code alarm.contractor.example},
 * {@code 10.0.0.5}, {@code [2001:db8::5]}), or {@code *.contractor.example} for any name under that domain (not
 * the domain itself). Names are compared as written, never looked up.
 */
public final class HostPattern {
    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

    private HostPattern() {
    }

    /** The pattern in the form {@link #matches} compares (lower case, no brackets, no trailing dot), or a problem naming {@code field}. */
    public static String normalise(String pattern, String field) {
        String p = pattern == null ? "" : pattern.strip().toLowerCase(Locale.ROOT);
        boolean wildcard = p.startsWith("*.");
        String host = host(wildcard ? p.substring(2) : p);
        if (!NAME.matcher(host).matches() && (wildcard || !IPV6.matcher(host).matches())) {
            throw new InvalidField(field, Rule.HOST_PATTERN, Map.of("value", String.valueOf(pattern)),
                    "expected a host name, an IP address or *.domain, was '" + pattern + "'");
        }
        return wildcard ? "*." + host : host;
    }

    /** Whether {@code host} (as a URL gives it) is what the normalised {@code pattern} allows. */
    public static boolean matches(String pattern, String host) {
        String h = host(host == null ? "" : host.toLowerCase(Locale.ROOT));
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            return h.endsWith(suffix) && h.length() > suffix.length();
        }
        return h.equals(pattern);
    }

    /** A host as compared: without the brackets of an IPv6 literal or a trailing dot. */
    public static String host(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
