//! Account life-cycle rules (seed 003 §1(五); MISSION §4): lock-out after failed logins, lock
//! after 30 days without login, cancellation after two years unused, forced password rotation.

use chrono::{DateTime, Duration, Months, Utc};
use serde::{Deserialize, Serialize};

/// The numbers of the account rules; the defaults are the mission's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPolicy {
    /// Failed logins in a row that lock the account.
    pub max_failed_logins: u32,
    /// How long such a lock lasts.
    pub lockout_minutes: i64,
    /// Days without login after which the account is locked until reopened.
    pub dormant_after_days: i64,
    /// Months without use after which the account is cancelled.
    pub cancel_after_months: u32,
    /// Days after which a password must be changed.
    pub password_max_age_days: i64,
}

impl Default for AccountPolicy {
    fn default() -> Self {
        Self {
            max_failed_logins: 5,
            lockout_minutes: 15,
            dormant_after_days: 30,
            cancel_after_months: 24,
            password_max_age_days: 90,
        }
    }
}

impl AccountPolicy {
    /// Whether an account last used at `last_used` is dormant at `now` (30 full days passed).
    pub fn is_dormant(&self, last_used: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now >= last_used + Duration::days(self.dormant_after_days)
    }

    /// Whether an account last used at `last_used` is to be cancelled at `now` (two calendar
    /// years passed).
    pub fn is_expired_for_cancel(&self, last_used: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        match last_used.checked_add_months(Months::new(self.cancel_after_months)) {
            Some(limit) => now >= limit,
            None => false,
        }
    }

    /// When a password set at `changed_at` must be changed.
    pub fn password_expires_at(&self, changed_at: DateTime<Utc>) -> DateTime<Utc> {
        changed_at + Duration::days(self.password_max_age_days)
    }

    /// Whether a password set at `changed_at` has expired at `now`.
    pub fn password_expired(&self, changed_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now >= self.password_expires_at(changed_at)
    }

    /// Until when an account locked at `now` for failed logins stays locked.
    pub fn locked_until(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + Duration::minutes(self.lockout_minutes)
    }

    /// After `failed` failures in a row at `now`, until when the account is locked (if at all).
    pub fn lock_after_failure(&self, failed: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (failed >= self.max_failed_logins).then(|| self.locked_until(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn dormant_exactly_after_thirty_days() {
        let p = AccountPolicy::default();
        let last = at(2026, 1, 1, 9);
        assert!(!p.is_dormant(last, at(2026, 1, 31, 8)));
        assert!(p.is_dormant(last, at(2026, 1, 31, 9)));
    }

    #[test]
    fn cancelled_after_two_calendar_years() {
        let p = AccountPolicy::default();
        let last = at(2024, 2, 29, 12);
        // 2026-02-28 12:00 is two calendar years after a leap day
        assert!(!p.is_expired_for_cancel(last, at(2026, 2, 28, 11)));
        assert!(p.is_expired_for_cancel(last, at(2026, 2, 28, 12)));
    }

    #[test]
    fn lockout_after_five() {
        let p = AccountPolicy::default();
        let now = at(2026, 3, 1, 10);
        assert_eq!(p.lock_after_failure(4, now), None);
        assert_eq!(
            p.lock_after_failure(5, now),
            Some(now + Duration::minutes(15))
        );
        assert!(p.password_expired(at(2026, 1, 1, 0), at(2026, 4, 1, 0)));
        assert!(!p.password_expired(at(2026, 1, 1, 0), at(2026, 3, 31, 23)));
    }
}
