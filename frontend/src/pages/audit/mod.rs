//! The audit log and the access log of personal data (audit role only): filters and the paged
//! tables.

mod access;
mod list;

pub use access::AccessLogPage;
pub use list::AuditPage;
