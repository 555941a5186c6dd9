//! The employment service agency of a region: view, and edit with optimistic concurrency.

mod detail;
mod form;

pub use detail::AgencyPage;
