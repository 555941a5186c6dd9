//! Dictionaries: read by everyone, edited by the province administrator (audited).

use super::Scope;
use super::entities::dictionary;
use crate::audit::{self, Actor, Record};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use domain::Text;
use domain::v1::dictionaries::{DictionaryEntry, DictionaryEntryUpdate, DictionaryKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};

fn to_dto(kind: DictionaryKind, m: dictionary::Model) -> DictionaryEntry {
    DictionaryEntry {
        kind,
        code: m.code,
        label: Text::new(m.label_zh, m.label_en),
        sort: m.sort,
        active: m.active,
    }
}

/// The field errors of dictionary-coded fields whose (non-empty) code is not an active entry.
pub async fn check_codes(
    db: &impl ConnectionTrait,
    fields: &[(&'static str, DictionaryKind, Option<&str>)],
) -> ApiResult<Vec<domain::FieldError>> {
    let mut out = Vec::new();
    for &(field, kind, value) in fields {
        let Some(code) = value.map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        if !is_active(db, kind, code).await? {
            out.push(domain::FieldError::new(
                field,
                "dictionary",
                Text::new(
                    format!(
                        "“{code}”不是{}中的有效项",
                        kind.label(domain::text::Lang::Zh)
                    ),
                    format!(
                        "“{code}” is not an entry of {}",
                        kind.label(domain::text::Lang::En)
                    ),
                ),
            ));
        }
    }
    Ok(out)
}

/// Every entry of a dictionary, in display order.
pub async fn list(
    db: &impl ConnectionTrait,
    kind: DictionaryKind,
) -> ApiResult<Vec<DictionaryEntry>> {
    Ok(dictionary::Entity::find()
        .filter(dictionary::Column::Kind.eq(kind.as_str()))
        .order_by_asc(dictionary::Column::Sort)
        .order_by_asc(dictionary::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|m| to_dto(kind, m))
        .collect())
}

/// Whether `code` is an active entry of the dictionary (for validating new records).
pub async fn is_active(
    db: &impl ConnectionTrait,
    kind: DictionaryKind,
    code: &str,
) -> ApiResult<bool> {
    Ok(
        dictionary::Entity::find_by_id((kind.as_str().to_owned(), code.to_owned()))
            .one(db)
            .await?
            .is_some_and(|m| m.active),
    )
}

/// Edits an entry or adds a new one.
pub async fn upsert(
    db: &DatabaseTransaction,
    scope: &Scope,
    actor: &Actor,
    kind: DictionaryKind,
    code: &str,
    upd: &DictionaryEntryUpdate,
    now: DateTime<Utc>,
) -> ApiResult<DictionaryEntry> {
    if let Some(e) = domain::v1::dictionaries::check_code(code) {
        return Err(ApiError::fields(vec![e]));
    }
    let old = dictionary::Entity::find_by_id((kind.as_str().to_owned(), code.to_owned()))
        .one(db)
        .await?;
    let before = old.clone().map(|m| to_dto(kind, m));
    let saved = match old {
        Some(m) => {
            let mut am = m.into_active_model();
            am.label_zh = Set(upd.label_zh.trim().to_owned());
            am.label_en = Set(upd.label_en.trim().to_owned());
            am.sort = Set(upd.sort);
            am.active = Set(upd.active);
            am.update(db).await?
        }
        None => {
            dictionary::ActiveModel {
                kind: Set(kind.as_str().to_owned()),
                code: Set(code.to_owned()),
                label_zh: Set(upd.label_zh.trim().to_owned()),
                label_en: Set(upd.label_en.trim().to_owned()),
                sort: Set(upd.sort),
                active: Set(upd.active),
            }
            .insert(db)
            .await?
        }
    };
    let after = to_dto(kind, saved);
    let mut rec = Record::new(
        "dictionary.update",
        "dictionary",
        format!("{}/{code}", kind.as_str()),
        scope.code(),
        scope.path(),
    )
    .after(&after);
    if let Some(b) = before {
        rec = rec.before(&b);
    }
    audit::append(db, actor, rec, now).await?;
    Ok(after)
}
