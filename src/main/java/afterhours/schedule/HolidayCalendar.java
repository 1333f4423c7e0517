package afterhours.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The days a line is closed for public holidays. Implementations must be thread-safe and fast. */
public interface HolidayCalendar {

    HolidayCalendar NONE = new HolidayCalendar() {
        @Override
        public Optional<Holiday> on(LocalDate date) {
            return Optional.empty();
        }

        @Override
        public List<Holiday> inYear(int year) {
            return List.of();
        }
    };

    Optional<Holiday> on(LocalDate date);

    /** The holidays of a year that close the line, in date order. */
    List<Holiday> inYear(int year);
}
