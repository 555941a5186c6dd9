//! Validated identifiers: GB/T 2260 region codes, GB 11643 citizen ID numbers and the
//! second-generation disability certificate number built on them. A value of these types that
//! exists is a valid one (parse at the edge).

use crate::codes::{DisabilityLevel, DisabilityType, Gender, RegionLevel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an identifier was refused. `rule()` is the stable name reported in problem+json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("wrong length")]
    Length,
    #[error("characters not allowed")]
    Format,
    #[error("unknown province prefix")]
    Province,
    #[error("address code is not a current or historical GB/T 2260 code")]
    AddressCode,
    #[error("not a real birth date")]
    BirthDate,
    #[error("check character does not verify")]
    CheckChar,
    #[error("disability type must be 1-7")]
    DisabilityType,
    #[error("disability level must be 1-4")]
    DisabilityLevel,
}

impl IdError {
    /// Stable rule name for error reports.
    pub fn rule(self) -> &'static str {
        match self {
            IdError::Length => "length",
            IdError::Format => "format",
            IdError::Province => "province",
            IdError::AddressCode => "address_code",
            IdError::BirthDate => "birth_date",
            IdError::CheckChar => "check_char",
            IdError::DisabilityType => "disability_type",
            IdError::DisabilityLevel => "disability_level",
        }
    }

    /// Bilingual message.
    pub fn text(self) -> crate::Text {
        use crate::Text;
        match self {
            IdError::Length => Text::new("长度不正确", "wrong length"),
            IdError::Format => Text::new(
                "含有不允许的字符",
                "contains characters that are not allowed",
            ),
            IdError::Province => Text::new("省级代码不存在", "unknown province code"),
            IdError::AddressCode => Text::new(
                "地址码不是现行或历史上的行政区划代码",
                "the address code is not a current or historical GB/T 2260 code",
            ),
            IdError::BirthDate => {
                Text::new("出生日期不是有效日期", "birth date is not a real date")
            }
            IdError::CheckChar => Text::new("校验码不正确", "check character does not verify"),
            IdError::DisabilityType => Text::new("残疾类别应为1-7", "disability type must be 1-7"),
            IdError::DisabilityLevel => {
                Text::new("残疾等级应为1-4", "disability level must be 1-4")
            }
        }
    }
}

/// Every six-digit GB/T 2260 code, current (the seed of the region table) or of an earlier
/// revision (2002-2016): sorted, one per line, seven bytes a line. Derived from
/// `migrations/data/gb2260*.tsv`; a test keeps the two in step.
const ADDRESS_CODES: &str = include_str!("../data/address_codes.txt");

/// Whether a six-digit code is a current or historical GB/T 2260 code (binary search over the
/// embedded list, no allocation).
pub fn is_known_address_code(code: &str) -> bool {
    let bytes = ADDRESS_CODES.as_bytes();
    let n = bytes.len() / 7;
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let c = &bytes[mid * 7..mid * 7 + 6];
        match c.cmp(code.as_bytes()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Every known address code (for generators and tests).
pub fn known_address_codes() -> impl Iterator<Item = &'static str> {
    ADDRESS_CODES.lines()
}

/// Province-level prefixes of GB/T 2260 (including Taiwan, Hong Kong and Macao).
pub const PROVINCE_PREFIXES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A region code: 6 digits (province `620000`, city `620100`, county `620102`), 9 digits
/// (township) or 12 digits (village / community).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses and checks the shape of a region code.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        if !matches!(s.len(), 6 | 9 | 12) {
            return Err(IdError::Length);
        }
        if !all_digits(s) {
            return Err(IdError::Format);
        }
        if !PROVINCE_PREFIXES.contains(&&s[0..2]) {
            return Err(IdError::Province);
        }
        // a lower level never has an all-zero part while a level below it is set
        match s.len() {
            6 if &s[2..4] == "00" && &s[4..6] != "00" => return Err(IdError::Format),
            9 if &s[4..6] == "00" || &s[6..9] == "000" => return Err(IdError::Format),
            12 if &s[4..6] == "00" || &s[6..9] == "000" || &s[9..12] == "000" => {
                return Err(IdError::Format);
            }
            _ => {}
        }
        Ok(Self(s.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The level the code's shape says.
    pub fn level(&self) -> RegionLevel {
        match self.0.len() {
            9 => RegionLevel::Township,
            12 => RegionLevel::Village,
            _ if &self.0[2..6] == "0000" => RegionLevel::Province,
            _ if &self.0[4..6] == "00" => RegionLevel::City,
            _ => RegionLevel::County,
        }
    }

    /// The parent the code's shape suggests (the real parent comes from the region tree, which
    /// may differ after re-parenting or for counties directly under a province).
    pub fn prefix_parent(&self) -> Option<RegionCode> {
        let p = match self.level() {
            RegionLevel::Province => return None,
            RegionLevel::City => format!("{}0000", &self.0[0..2]),
            RegionLevel::County => format!("{}00", &self.0[0..4]),
            RegionLevel::Township => self.0[0..6].to_owned(),
            RegionLevel::Village => self.0[0..9].to_owned(),
        };
        Some(RegionCode(p))
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RegionCode {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Self::parse(&s)
    }
}

impl From<RegionCode> for String {
    fn from(c: RegionCode) -> String {
        c.0
    }
}

/// Weights of ISO 7064 MOD 11-2 as used by GB 11643-1999.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for each remainder 0..=10.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The GB 11643 check character of the first 17 digits, or `None` if they are not 17 digits.
pub fn id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !all_digits(first17) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(CHECK_CHARS[(sum % 11) as usize])
}

/// An 18-character citizen ID number (GB 11643-1999) whose birth date is real and whose check
/// character verifies. Whether the address code is a current or historical GB/T 2260 code is a
/// look-up against the region dictionary, done by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

impl IdNumber {
    /// Parses an ID number; a lower-case `x` is accepted and stored upper-case.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim().to_ascii_uppercase();
        if s.chars().count() != 18 {
            return Err(IdError::Length);
        }
        let (first17, last) = s.split_at(17);
        if !all_digits(first17) || !(last == "X" || all_digits(last)) {
            return Err(IdError::Format);
        }
        if !PROVINCE_PREFIXES.contains(&&s[0..2]) {
            return Err(IdError::Province);
        }
        if !is_known_address_code(&s[0..6]) {
            return Err(IdError::AddressCode);
        }
        birth_date_of(&s[6..14]).ok_or(IdError::BirthDate)?;
        if id_check_char(first17).map(String::from).as_deref() != Some(last) {
            return Err(IdError::CheckChar);
        }
        Ok(Self(s))
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Address code of registration (digits 1-6); may be a historical code.
    pub fn address_code(&self) -> &str {
        &self.0[0..6]
    }

    /// Birth date (digits 7-14).
    pub fn birth_date(&self) -> NaiveDate {
        // checked in `parse`
        birth_date_of(&self.0[6..14]).unwrap_or_default()
    }

    /// Gender: the 17th digit is odd for men.
    pub fn gender(&self) -> Gender {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }
}

fn birth_date_of(yyyymmdd: &str) -> Option<NaiveDate> {
    let y: i32 = yyyymmdd.get(0..4)?.parse().ok()?;
    let m: u32 = yyyymmdd.get(4..6)?.parse().ok()?;
    let d: u32 = yyyymmdd.get(6..8)?.parse().ok()?;
    if y < 1900 {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for IdNumber {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Self::parse(&s)
    }
}

impl From<IdNumber> for String {
    fn from(c: IdNumber) -> String {
        c.0
    }
}

/// The second-generation disability certificate number: the 18-character ID number followed by
/// the disability type (1-7) and level (1-4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CertificateNo(String);

impl CertificateNo {
    /// Parses a certificate number.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim().to_ascii_uppercase();
        if s.chars().count() != 20 || !s.is_ascii() {
            return Err(IdError::Length);
        }
        IdNumber::parse(&s[0..18])?;
        DisabilityType::parse(&s[18..19]).ok_or(IdError::DisabilityType)?;
        DisabilityLevel::parse(&s[19..20]).ok_or(IdError::DisabilityLevel)?;
        Ok(Self(s))
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ID number part.
    pub fn id_number(&self) -> IdNumber {
        IdNumber(self.0[0..18].to_owned())
    }

    /// Disability type (19th character).
    pub fn disability_type(&self) -> DisabilityType {
        DisabilityType::parse(&self.0[18..19]).unwrap_or(DisabilityType::Multiple)
    }

    /// Disability level (20th character).
    pub fn disability_level(&self) -> DisabilityLevel {
        DisabilityLevel::parse(&self.0[19..20]).unwrap_or(DisabilityLevel::Four)
    }
}

impl fmt::Display for CertificateNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CertificateNo {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Self::parse(&s)
    }
}

impl From<CertificateNo> for String {
    fn from(c: CertificateNo) -> String {
        c.0
    }
}

/// The 31 characters of GB 32100 (no I, O, S, V, Z), in value order.
const CREDIT_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of the first 17 characters (3^i mod 31).
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The GB 32100 check character of the first 17 characters, or `None` if one is not allowed.
pub fn credit_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (b, w) in first17.bytes().zip(CREDIT_WEIGHTS) {
        let v = CREDIT_CHARS.iter().position(|c| *c == b)?;
        sum += u32::try_from(v).ok()? * w;
    }
    let v = (31 - sum % 31) % 31;
    CREDIT_CHARS.get(v as usize).map(|c| char::from(*c))
}

/// A unified social credit code (统一社会信用代码, GB 32100-2015) of an employer: 18 characters
/// from the GB 32100 alphabet, digits 3-8 a region code, the last a verified check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses a credit code (lower case is accepted and stored upper case).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim().to_ascii_uppercase();
        if s.chars().count() != 18 {
            return Err(IdError::Length);
        }
        if !s.bytes().all(|b| CREDIT_CHARS.contains(&b)) || !all_digits(&s[2..8]) {
            return Err(IdError::Format);
        }
        if credit_check_char(&s[0..17]).map(String::from).as_deref() != Some(&s[17..18]) {
            return Err(IdError::CheckChar);
        }
        Ok(Self(s))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The region code of registration (characters 3-8).
    pub fn region_code(&self) -> &str {
        &self.0[2..8]
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CreditCode {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Self::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> String {
        c.0
    }
}

/// Masks a certificate (or ID) number so that what stays cannot be completed: the household
/// region (characters 1-6) and, of a certificate number, the disability type and level
/// (characters 19-20, shown in clear beside it anyway) — `620102************41`. The birth date
/// (7-14), the sequence (15-17) and the check character (18) never show: with the birth date
/// known, the check character would leave only a few candidates for the rest.
pub fn mask_certificate(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let tail = if chars.len() == 20 { 2 } else { 0 };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < 6 || i >= chars.len() - tail {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// Masks an identifier for lists and exports: the first 6 and the last 4 characters stay
/// (`620102********123X`), everything between becomes `*`. Short values are masked whole but the
/// last character.
pub fn mask(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n >= 12 {
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| if i < 6 || i >= n - 4 { *c } else { '*' })
            .collect()
    } else if n >= 7 {
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| if i < 3 || i >= n - 4 { *c } else { '*' })
            .collect()
    } else {
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| if i + 1 == n { *c } else { '*' })
            .collect()
    }
}

/// Masks an address for lists and exports: the first six characters stay.
pub fn mask_address(s: &str) -> String {
    let head: String = s.chars().take(6).collect();
    if s.chars().count() > 6 {
        format!("{head}****")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_ids_verify() {
        // published GB 11643 example numbers
        assert!(IdNumber::parse("11010519491231002X").is_ok());
        assert!(IdNumber::parse("440524188001010014").is_err()); // 1880 < 1900
        assert!(IdNumber::parse("110105194912310021").is_err());
        let id = IdNumber::parse("11010519491231002x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.gender(), Gender::Female);
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap_or_default()
        );
    }

    #[test]
    fn address_codes_current_and_historical() {
        assert!(is_known_address_code("620102")); // 城关区, current
        assert!(is_known_address_code("110105")); // 朝阳区
        assert!(is_known_address_code("110103")); // 崇文区, merged away in 2010
        assert!(!is_known_address_code("629999"));
        assert!(!is_known_address_code("000000"));
        let first = "62999919900101001";
        let c = id_check_char(first).unwrap_or('0');
        assert_eq!(
            IdNumber::parse(&format!("{first}{c}")),
            Err(IdError::AddressCode)
        );
    }

    #[test]
    fn address_code_list_matches_the_region_seed() {
        let mut expected: Vec<&str> = include_str!("../../../migrations/data/gb2260.tsv")
            .lines()
            .chain(include_str!("../../../migrations/data/gb2260_history.tsv").lines())
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| l.split('\t').next())
            .collect();
        expected.sort_unstable();
        expected.dedup();
        let embedded: Vec<&str> = known_address_codes().collect();
        assert_eq!(
            embedded, expected,
            "regenerate crates/domain/data/address_codes.txt"
        );
        assert!(
            ADDRESS_CODES.len().is_multiple_of(7) && ADDRESS_CODES.lines().all(|l| l.len() == 6)
        );
    }

    #[test]
    fn impossible_birth_dates_are_refused() {
        let first = "62010219990230001"; // 30 February
        let c = id_check_char(first).unwrap_or('0');
        assert_eq!(
            IdNumber::parse(&format!("{first}{c}")),
            Err(IdError::BirthDate)
        );
    }

    #[test]
    fn certificate_number_derives_type_and_level() {
        let c = CertificateNo::parse("11010519491231002X41").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.disability_type(), DisabilityType::Physical);
        assert_eq!(c.disability_level(), DisabilityLevel::One);
        assert_eq!(
            CertificateNo::parse("11010519491231002X81"),
            Err(IdError::DisabilityType)
        );
        assert_eq!(
            CertificateNo::parse("11010519491231002X45"),
            Err(IdError::DisabilityLevel)
        );
        assert_eq!(
            CertificateNo::parse("11010519491231002X4"),
            Err(IdError::Length)
        );
    }

    #[test]
    fn region_code_levels_and_parents() {
        let p = |s: &str| RegionCode::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(p("620000").level(), RegionLevel::Province);
        assert_eq!(p("620100").level(), RegionLevel::City);
        assert_eq!(p("620102").level(), RegionLevel::County);
        assert_eq!(p("620102001").level(), RegionLevel::Township);
        assert_eq!(p("620102001002").level(), RegionLevel::Village);
        assert_eq!(p("620102").prefix_parent(), Some(p("620100")));
        assert_eq!(p("620100").prefix_parent(), Some(p("620000")));
        assert_eq!(p("620000").prefix_parent(), None);
        assert_eq!(RegionCode::parse("990000"), Err(IdError::Province));
        assert_eq!(RegionCode::parse("62010"), Err(IdError::Length));
        assert_eq!(RegionCode::parse("62a100"), Err(IdError::Format));
        assert_eq!(RegionCode::parse("620001"), Err(IdError::Format));
        assert_eq!(RegionCode::parse("620100001"), Err(IdError::Format));
    }

    #[test]
    fn credit_codes() {
        for ok in [
            "91350100M000100Y43",
            "91110000600037341L",
            "91440300708461136t",
        ] {
            assert!(CreditCode::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(IdError::CheckChar)
        );
        assert_eq!(CreditCode::parse("91350100M000100Y4"), Err(IdError::Length));
        assert_eq!(
            CreditCode::parse("9I350100M000100Y43"),
            Err(IdError::Format)
        ); // I is not used
        assert_eq!(
            CreditCode::parse("91AB0100M000100Y43"),
            Err(IdError::Format)
        ); // region digits
        let c = CreditCode::parse("91440300708461136T").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.region_code(), "440300");
    }

    fn arb_credit() -> impl Strategy<Value = String> {
        let codes: Vec<&'static str> = known_address_codes().collect();
        (
            "[159Y][1-9]",
            proptest::sample::select(codes),
            "[0-9A-HJ-NP-RTUW-Y]{9}",
        )
            .prop_map(|(head, region, org)| {
                let first = format!("{head}{region}{org}");
                let check = credit_check_char(&first).unwrap_or('?');
                format!("{first}{check}")
            })
    }

    proptest! {
        #[test]
        fn credit_code_single_changes_fail(code in arb_credit(), pos in 0usize..18, repl in "[0-9A-HJ-NP-RTUW-Y]") {
            prop_assert!(CreditCode::parse(&code).is_ok(), "{}", code);
            let mut chars: Vec<char> = code.chars().collect();
            let r = repl.chars().next().unwrap_or('0');
            prop_assume!(chars[pos] != r);
            chars[pos] = r;
            let changed: String = chars.into_iter().collect();
            prop_assert!(CreditCode::parse(&changed).is_err(), "{} -> {}", code, changed);
        }
    }

    #[test]
    fn masking_keeps_ends() {
        assert_eq!(mask("62010219900101123X"), "620102********123X");
        assert_eq!(mask("13912345678"), "139****5678");
        assert_eq!(mask("abc"), "**c");
        assert_eq!(
            mask_certificate("62010219900101123X41"),
            "620102************41"
        );
        assert_eq!(mask_certificate("62010219900101123X"), "620102************");
    }

    proptest! {
        /// Nothing of the birth date, the sequence or the check character survives the mask.
        #[test]
        fn certificate_mask_hides_what_completes_the_number(id in arb_id(), t in 1u8..8, l in 1u8..5) {
            let cert = format!("{id}{t}{l}");
            let m = mask_certificate(&cert);
            prop_assert_eq!(m.chars().count(), 20);
            prop_assert_eq!(&m[..6], &cert[..6]);
            prop_assert_eq!(&m[6..18], "************");
            prop_assert_eq!(&m[18..], &cert[18..]);
        }
    }

    fn arb_id() -> impl Strategy<Value = String> {
        let codes: Vec<&'static str> = known_address_codes().collect();
        (
            proptest::sample::select(codes),
            1900i32..2025,
            1u32..13,
            1u32..29,
            0u32..1000,
        )
            .prop_map(|(a, y, m, day, seq)| {
                let first = format!("{a}{y:04}{m:02}{day:02}{seq:03}");
                let check = id_check_char(&first).unwrap_or('?');
                format!("{first}{check}")
            })
    }

    proptest! {
        #[test]
        fn every_generated_id_verifies(id in arb_id()) {
            prop_assert!(IdNumber::parse(&id).is_ok(), "{}", id);
        }

        #[test]
        fn any_single_character_change_fails(id in arb_id(), pos in 0usize..18, repl in "[0-9X]") {
            let mut chars: Vec<char> = id.chars().collect();
            let r = repl.chars().next().unwrap_or('0');
            prop_assume!(chars[pos] != r);
            chars[pos] = r;
            let changed: String = chars.into_iter().collect();
            prop_assert!(IdNumber::parse(&changed).is_err(), "{} -> {}", id, changed);
        }

        #[test]
        fn certificate_accepts_every_type_and_level(id in arb_id(), t in 1u8..8, l in 1u8..5) {
            let c = CertificateNo::parse(&format!("{id}{t}{l}"));
            prop_assert!(c.is_ok());
        }

        #[test]
        fn region_parse_never_panics(s in "\\PC{0,14}") {
            let _ = RegionCode::parse(&s);
        }
    }
}
