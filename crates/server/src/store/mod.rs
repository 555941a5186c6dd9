//! Queries on sea-orm. Store functions return domain DTOs; every function that reads scoped data
//! takes the caller's [`Scope`].

pub mod access;
pub mod accounts;
pub mod agencies;
pub mod dictionaries;
pub mod employers;
pub mod employment;
pub mod entities;
pub mod facts;
pub mod mfa;
pub mod persons;
pub mod records;
pub mod regions;
pub mod secrets;
pub mod sessions;
pub mod throttle;

use sea_orm::sea_query::{Expr, ExprTrait, IntoColumnRef, SimpleExpr};

/// A region subtree: what a caller may see. Built only from an authenticated caller (or by the
/// server itself for the province), never from request input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    code: String,
    path: String,
}

impl Scope {
    /// The subtree under the region with this code and materialised path.
    pub(crate) fn new(code: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            path: path.into(),
        }
    }

    /// Code of the scope's root region.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Materialised path of the root (`/620000/620100/`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether a region with this path lies in the scope.
    pub fn contains(&self, path: &str) -> bool {
        path.starts_with(&self.path)
    }

    /// `[lo, hi)` bounds of every path in the subtree: `/` sorts just below the digits, so the
    /// upper bound swaps the root's last `/` for `0`. An indexed range scan on both databases.
    pub fn bounds(&self) -> (String, String) {
        let mut hi = self.path.clone();
        hi.pop();
        hi.push('0');
        (self.path.clone(), hi)
    }

    /// SQL condition: `col` holds a path inside the scope.
    pub fn cond(&self, col: impl IntoColumnRef + Copy) -> SimpleExpr {
        let (lo, hi) = self.bounds();
        Expr::col(col).gte(lo).and(Expr::col(col).lt(hi))
    }
}

/// JSON list stored in a text column.
pub(crate) fn to_json_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// JSON list read from a text column.
pub(crate) fn from_json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_cover_exactly_the_subtree() {
        let s = Scope::new("620100", "/620000/620100/");
        let (lo, hi) = s.bounds();
        for p in [
            "/620000/620100/",
            "/620000/620100/620102/",
            "/620000/620100/620102/620102001/",
        ] {
            assert!(lo.as_str() <= p && p < hi.as_str(), "{p}");
            assert!(s.contains(p));
        }
        for p in [
            "/620000/",
            "/620000/620200/",
            "/620000/6201000/",
            "/620000/620101/",
        ] {
            assert!(!(lo.as_str() <= p && p < hi.as_str()), "{p}");
            assert!(!s.contains(p));
        }
    }
}
