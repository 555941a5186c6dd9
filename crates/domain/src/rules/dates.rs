//! Date rules: age at a date, the working-age band of the statistics (MISSION §7), and the
//! three-month rule of timely recording (Art. 16).

use crate::codes::Gender;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The calendar date in China Standard Time (UTC+8, no daylight saving) at `now`: the "today"
/// of every rule, on the server and in the browser alike (whatever the browser's time zone).
pub fn today_cst(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    (now + chrono::Duration::hours(8)).date_naive()
}

/// Full years of age on `d` of someone born on `birth` (a person born on 29 February turns a year
/// older on 1 March in common years). `None` before birth.
pub fn age_on(birth: NaiveDate, d: NaiveDate) -> Option<u32> {
    if d < birth {
        return None;
    }
    let mut years = d.year() - birth.year();
    if (d.month(), d.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// The date someone born on `birth` reaches `years` full years (29 February → 1 March).
pub fn birthday(birth: NaiveDate, years: u32) -> Option<NaiveDate> {
    let y = birth.year().checked_add(i32::try_from(years).ok()?)?;
    NaiveDate::from_ymd_opt(y, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, 3, 1))
}

/// The latest birth date of someone at least `years` old on `d`: `age_on(b, d) >= years` exactly
/// when `b <= latest_birth_for_age(d, years)`. Lets an age band become a birth-date range query.
pub fn latest_birth_for_age(d: NaiveDate, years: u32) -> Option<NaiveDate> {
    let y = d.year().checked_sub(i32::try_from(years).ok()?)?;
    NaiveDate::from_ymd_opt(y, d.month(), d.day()).or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))
}

/// The working-age band (就业年龄段): ages in `[min, max)` by gender. Configuration, because the
/// retirement-age reform moves the upper bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingAge {
    /// Lowest age, both genders (16).
    pub min: u32,
    /// First age no longer of working age for men (60).
    pub male_end: u32,
    /// First age no longer of working age for women (55).
    pub female_end: u32,
}

impl Default for WorkingAge {
    fn default() -> Self {
        Self {
            min: 16,
            male_end: 60,
            female_end: 55,
        }
    }
}

impl WorkingAge {
    /// Whether someone of this gender and birth date is of working age on `d`.
    pub fn contains(&self, gender: Gender, birth: NaiveDate, d: NaiveDate) -> bool {
        let end = match gender {
            Gender::Male => self.male_end,
            Gender::Female => self.female_end,
        };
        age_on(birth, d).is_some_and(|a| a >= self.min && a < end)
    }
}

/// The last day a change that happened on `event` may be recorded and still be on time: the same
/// day three calendar months later (clamped to the month's end: 30 November → 28/29 February).
pub fn on_time_until(event: NaiveDate) -> NaiveDate {
    event
        .checked_add_months(Months::new(3))
        .unwrap_or(NaiveDate::MAX)
}

/// The three-month rule: a change recorded after `on_time_until(event)` is late (不合格).
pub fn is_late(event: NaiveDate, recorded_on: NaiveDate) -> bool {
    recorded_on > on_time_until(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    proptest! {
        #[test]
        fn birth_bound_matches_age(b in 0i64..40_000, dd in 0i64..40_000, n in 0u32..100) {
            let base = d(1930, 1, 1);
            let birth = base + chrono::Days::new(b as u64);
            let on = base + chrono::Days::new(dd as u64);
            let bound = latest_birth_for_age(on, n);
            let by_age = age_on(birth, on).is_some_and(|a| a >= n);
            prop_assert_eq!(by_age, bound.is_some_and(|l| birth <= l));
        }
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d(2000, 6, 15), d(2016, 6, 14)), Some(15));
        assert_eq!(age_on(d(2000, 6, 15), d(2016, 6, 15)), Some(16));
        assert_eq!(age_on(d(2000, 2, 29), d(2017, 2, 28)), Some(16));
        assert_eq!(age_on(d(2000, 2, 29), d(2016, 2, 29)), Some(16));
        assert_eq!(age_on(d(2000, 1, 1), d(1999, 12, 31)), None);
        assert_eq!(birthday(d(2000, 2, 29), 17), Some(d(2017, 3, 1)));
        assert_eq!(birthday(d(2000, 6, 15), 16), Some(d(2016, 6, 15)));
    }

    #[test]
    fn working_age_band() {
        let w = WorkingAge::default();
        let born = d(1966, 12, 31);
        // a man is of working age up to the day before his 60th birthday
        assert!(w.contains(Gender::Male, born, d(2026, 12, 30)));
        assert!(!w.contains(Gender::Male, born, d(2026, 12, 31)));
        // a woman up to the day before her 55th
        let born = d(1971, 12, 31);
        assert!(w.contains(Gender::Female, born, d(2026, 12, 30)));
        assert!(!w.contains(Gender::Female, born, d(2026, 12, 31)));
        // from the 16th birthday
        let born = d(2010, 12, 31);
        assert!(!w.contains(Gender::Female, born, d(2026, 12, 30)));
        assert!(w.contains(Gender::Female, born, d(2026, 12, 31)));
    }

    #[test]
    fn three_month_rule_at_month_ends() {
        // ordinary day
        assert!(!is_late(d(2026, 1, 15), d(2026, 4, 15)));
        assert!(is_late(d(2026, 1, 15), d(2026, 4, 16)));
        // 30 November: three months later is the end of February
        assert_eq!(on_time_until(d(2025, 11, 30)), d(2026, 2, 28));
        assert!(!is_late(d(2025, 11, 30), d(2026, 2, 28)));
        assert!(is_late(d(2025, 11, 30), d(2026, 3, 1)));
        assert_eq!(on_time_until(d(2023, 11, 30)), d(2024, 2, 29));
        // 31 January → 30 April; 31 March → 30 June
        assert_eq!(on_time_until(d(2026, 1, 31)), d(2026, 4, 30));
        assert_eq!(on_time_until(d(2026, 3, 31)), d(2026, 6, 30));
        // recorded before or on the day: never late
        assert!(!is_late(d(2026, 5, 1), d(2026, 4, 1)));
    }

    proptest! {
        #[test]
        fn age_grows_by_one_on_each_birthday(y in 1930i32..2020, m in 1u32..13, day in 1u32..29, n in 0u32..90) {
            let born = d(y, m, day);
            let bd = birthday(born, n).unwrap_or_default();
            prop_assert_eq!(age_on(born, bd), Some(n));
            if let Some(before) = bd.pred_opt()
                && n > 0
            {
                prop_assert_eq!(age_on(born, before), Some(n - 1));
            }
        }

        #[test]
        fn lateness_is_monotonic(y in 2000i32..2040, m in 1u32..13, day in 1u32..32, after in 0i64..400) {
            let Some(event) = NaiveDate::from_ymd_opt(y, m, day) else { return Ok(()) };
            let recorded = event + chrono::Duration::days(after);
            let late = is_late(event, recorded);
            prop_assert_eq!(late, recorded > on_time_until(event));
            // within 89 days never late, after 92 days always late
            if after <= 89 { prop_assert!(!late); }
            if after >= 93 { prop_assert!(late); }
        }
    }
}
