//! Accounts: the paged list with filters, per-row actions (disable / enable, password reset,
//! holder registration), new sub-accounts, and the details with the holder history.

mod actions;
mod detail;
mod form;
mod holder;
mod list;

pub use detail::AccountDetailPage;
pub use list::AccountsPage;
