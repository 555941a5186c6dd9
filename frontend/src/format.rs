//! Dates and times as users read them: local time of the browser, `YYYY-MM-DD HH:MM`.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};
use wasm_bindgen::JsValue;

/// Offset of the browser's time zone at the given instant.
fn local_offset(at: &DateTime<Utc>) -> FixedOffset {
    let js = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    // getTimezoneOffset is UTC minus local, in minutes
    let west_seconds = (js.get_timezone_offset() * 60.0) as i32;
    FixedOffset::west_opt(west_seconds).unwrap_or_else(|| Utc.fix())
}

/// `2026-03-01 14:05` in local time.
pub fn datetime(at: &DateTime<Utc>) -> String {
    at.with_timezone(&local_offset(at))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// `2026-03-01 14:05:09` in local time.
pub fn datetime_seconds(at: &DateTime<Utc>) -> String {
    at.with_timezone(&local_offset(at))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// `2026-03-01`.
pub fn date(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Parses the value of an `<input type="date">`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// The instant local midnight starts on `day`.
pub fn local_midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    use chrono::Datelike;
    let js = js_sys::Date::new_with_year_month_day(
        day.year() as u32,
        day.month0() as i32,
        day.day() as i32,
    );
    DateTime::from_timestamp_millis(js.get_time() as i64)
}

/// Today in China Standard Time (the day the rules take as "today", as on the server).
pub fn today() -> NaiveDate {
    // China Standard Time, as on the server, whatever the browser's own time zone
    let now =
        chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
    domain::rules::dates::today_cst(now)
}
