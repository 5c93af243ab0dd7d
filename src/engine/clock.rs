//! Calendar arithmetic for the simulated clock: dates for `ls -l`, `date` and, later,
//! Docker's timestamps. No wall clock is ever read.

use super::SimTime;

/// A UTC date and time broken into fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub year: i64,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// 0 is Sunday.
    pub weekday: u32,
}

pub const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
pub const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

impl DateTime {
    /// The UTC date of a simulated time (Howard Hinnant's `civil_from_days`).
    pub fn from_millis(millis: SimTime) -> DateTime {
        let seconds = (millis / 1000) as i64;
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
        let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        DateTime {
            year,
            month,
            day,
            hour: (of_day / 3600) as u32,
            minute: (of_day % 3600 / 60) as u32,
            second: (of_day % 60) as u32,
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }

    /// `ls -l`'s timestamp: `Jan  5 09:00` within six months of `now`, else `Jan  5  2025`.
    pub fn ls_format(self, now: SimTime, then: SimTime) -> String {
        let six_months = 15_778_476_000; // 365.2425 / 2 days, as GNU ls uses
        let month = MONTHS[(self.month - 1) as usize];
        if then <= now + 60_000 && now.saturating_sub(then) < six_months {
            format!("{month} {:>2} {:02}:{:02}", self.day, self.hour, self.minute)
        } else {
            format!("{month} {:>2}  {}", self.day, self.year)
        }
    }

    /// `date`'s default output in the C locale with TZ=UTC: `Mon Jan  5 09:00:00 UTC 2026`.
    pub fn date_format(self) -> String {
        format!(
            "{} {} {:>2} {:02}:{:02}:{:02} UTC {}",
            WEEKDAYS[self.weekday as usize],
            MONTHS[(self.month - 1) as usize],
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.year
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::session::DEFAULT_START;

    #[test]
    fn dates_come_out_right() {
        assert_eq!(DateTime::from_millis(0).date_format(), "Thu Jan  1 00:00:00 UTC 1970");
        assert_eq!(DateTime::from_millis(DEFAULT_START).date_format(), "Mon Jan  5 09:00:00 UTC 2026");
        // 2024-02-29T23:59:59Z, a leap day.
        assert_eq!(DateTime::from_millis(1_709_251_199_000).date_format(), "Thu Feb 29 23:59:59 UTC 2024");
    }

    #[test]
    fn ls_shows_the_year_for_old_files() {
        let now = DEFAULT_START;
        assert_eq!(DateTime::from_millis(now).ls_format(now, now), "Jan  5 09:00");
        let old = 1_704_067_200_000; // 2024-01-01
        assert_eq!(DateTime::from_millis(old).ls_format(now, old), "Jan  1  2024");
    }
}
