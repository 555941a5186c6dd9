//! Dictionaries: descriptive code lists seeded by migration and edited by the province
//! administrator (codes stay; labels and activity change).

use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use validator::Validate;

crate::codes::code_enum! {
    /// Which dictionary.
    DictionaryKind {
        EmploymentForm = "employment_form", "就业形式", "Employment form";
        Industry = "industry", "从事行业（GB/T 4754 门类）", "Industry (GB/T 4754 section)";
        Channel = "channel", "就业途径", "Employment channel";
        Education = "education", "文化程度", "Education";
        UnemploymentReason = "unemployment_reason", "未就业原因", "Reason for not working";
        TrainingProvider = "training_provider", "培训主体", "Training provider";
        CertificateKind = "certificate_kind", "培训证书", "Training certificate";
    }
}

/// One entry of a dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DictionaryEntry {
    /// The dictionary.
    pub kind: DictionaryKind,
    /// Stable code (stored in records).
    pub code: String,
    /// Label in Chinese and English.
    pub label: Text,
    /// Display order.
    pub sort: i32,
    /// Inactive entries stay valid in old records but are not offered for new ones.
    pub active: bool,
}

/// `PUT /api/v1/dictionaries/{kind}/{code}`: edit an entry, or add one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DictionaryEntryUpdate {
    /// Chinese label.
    #[validate(length(min = 1, max = 60))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
    pub label_zh: String,
    /// English label.
    #[validate(length(min = 1, max = 80))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 80))]
    pub label_en: String,
    /// Display order.
    #[validate(range(min = 0, max = 10000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000))]
    pub sort: i32,
    /// Offered for new records.
    pub active: bool,
}

/// The rule of a new entry's code: 1-30 letters, digits or `_` (it is stored in records and URLs).
pub fn check_code(code: &str) -> Option<crate::FieldError> {
    let valid = (1..=30).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (!valid).then(|| {
        crate::FieldError::new(
            "code",
            "format",
            Text::new(
                "代码为1-30位字母、数字或下划线",
                "the code is 1-30 letters, digits or _",
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::check_code;

    #[test]
    fn entry_codes() {
        assert!(check_code("flexible_2").is_none());
        assert!(check_code(&"a".repeat(30)).is_none());
        for bad in ["", "a-b", "灵活", "a b", &"a".repeat(31)] {
            assert_eq!(
                check_code(bad).map(|e| e.rule),
                Some("format".into()),
                "{bad}"
            );
        }
    }
}
