//! `/dictionaries`: the descriptive code lists, and the province administrator's edits.

use super::ApiError;
use super::client::{Call, seg};
use crate::session::Session;
use domain::v1::dictionaries::{DictionaryEntry, DictionaryEntryUpdate, DictionaryKind};

/// `GET /dictionaries/{kind}` (inactive entries included, flagged)
pub async fn list(
    session: Session,
    kind: DictionaryKind,
) -> Result<Vec<DictionaryEntry>, ApiError> {
    Call::get(format!("/dictionaries/{}", kind.as_str()))
        .send(session)
        .await
}

/// `PUT /dictionaries/{kind}/{code}` (edit or add)
pub async fn put(
    session: Session,
    kind: DictionaryKind,
    code: &str,
    request: &DictionaryEntryUpdate,
) -> Result<DictionaryEntry, ApiError> {
    Call::put(format!("/dictionaries/{}/{}", kind.as_str(), seg(code)))
        .json(request)
        .send(session)
        .await
}
