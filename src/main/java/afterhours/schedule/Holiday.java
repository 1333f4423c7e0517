package afterhours.schedule;

import java.time.LocalDate;

/** A public holiday: its date, a stable key (e.g. {@code MIDSUMMER_EVE}) and its name in the line's language. */
public record Holiday(LocalDate date, String key, String name) { }
