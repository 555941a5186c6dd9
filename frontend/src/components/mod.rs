//! Reusable pieces of the interface: progress indicator, dialog, form fields with their errors,
//! data table and pager, alerts.

pub mod alert;
pub mod dialog;
pub mod field;
pub mod lang_switch;
pub mod progress;
pub mod table;

pub use alert::{ErrorAlert, StatusNote};
pub use dialog::Dialog;
pub use field::{FormState, SelectField, TextAreaField, TextField, errors_for};
pub use lang_switch::LangSwitch;
pub use progress::Progress;
pub use table::{DataTable, EmptyRow, Pager};
