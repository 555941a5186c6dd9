//! Completeness (完整率): the share of a person's required indicator fields that are filled.
//! One rule for the record's badge, the `incomplete` filter and the data-quality statistics.

use crate::v1::employment::EmploymentState;

/// What completeness looks at: the person's own fields and the current employment record.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts<'a> {
    /// Phone.
    pub phone: &'a str,
    /// Address.
    pub address: &'a str,
    /// Education (dictionary code).
    pub education: &'a str,
    /// The current (latest) employment record, if any.
    pub employment: Option<EmploymentFacts<'a>>,
}

/// The fields of the current employment record that count.
#[derive(Debug, Clone, Copy)]
pub struct EmploymentFacts<'a> {
    /// Employed or not.
    pub state: EmploymentState,
    /// 就业形式.
    pub form: Option<&'a str>,
    /// 从事行业.
    pub industry: Option<&'a str>,
    /// 就业途径.
    pub channel: Option<&'a str>,
    /// 劳动合同.
    pub contract: Option<bool>,
    /// 未就业原因.
    pub reason: Option<&'a str>,
}

/// The required fields and whether each is filled, by JSON name.
pub fn fields(f: &Facts<'_>) -> Vec<(&'static str, bool)> {
    let filled = |s: &str| !s.trim().is_empty();
    let some = |s: Option<&str>| s.is_some_and(filled);
    let mut out = vec![
        ("phone", filled(f.phone)),
        ("address", filled(f.address)),
        ("education", filled(f.education)),
        ("employment_state", f.employment.is_some()),
    ];
    match f.employment {
        Some(e) if e.state == EmploymentState::Employed => out.extend([
            ("form", some(e.form)),
            ("industry", some(e.industry)),
            ("channel", some(e.channel)),
            ("contract", e.contract.is_some()),
        ]),
        Some(e) => out.push(("reason", some(e.reason))),
        None => {}
    }
    out
}

/// The fields still missing.
pub fn missing(f: &Facts<'_>) -> Vec<&'static str> {
    fields(f)
        .into_iter()
        .filter(|(_, ok)| !ok)
        .map(|(name, _)| name)
        .collect()
}

/// Completeness in whole per cent, rounded down (100 only when nothing is missing).
pub fn percent(f: &Facts<'_>) -> u8 {
    let all = fields(f);
    let done = all.iter().filter(|(_, ok)| *ok).count();
    u8::try_from(done * 100 / all.len().max(1)).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness() {
        let mut f = Facts {
            phone: "139",
            address: "",
            education: "junior",
            employment: None,
        };
        assert_eq!(percent(&f), 50);
        assert_eq!(missing(&f), ["address", "employment_state"]);
        f.address = "城关区";
        f.employment = Some(EmploymentFacts {
            state: EmploymentState::Employed,
            form: Some("flexible"),
            industry: Some("C"),
            channel: None,
            contract: Some(false),
            reason: None,
        });
        assert_eq!(percent(&f), 87);
        assert_eq!(missing(&f), ["channel"]);
        f.employment = Some(EmploymentFacts {
            state: EmploymentState::Unemployed,
            form: None,
            industry: None,
            channel: None,
            contract: None,
            reason: Some("lacks_skills"),
        });
        assert_eq!(percent(&f), 100);
    }
}
