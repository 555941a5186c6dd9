//! The audit log (audit role only): filters and the paged table.

mod list;

pub use list::AuditPage;
