//! Reusable pieces of the interface: progress indicator, dialog, form fields with their errors,
//! data table and pager, alerts.

pub mod alert;
pub mod dialog;
pub mod field;
pub mod lang_switch;
pub mod progress;
pub mod region_cascade;
pub mod table;

pub use alert::{ErrorAlert, StatusNote, loaded};
pub use dialog::{ConfirmActions, Dialog};
pub use field::{
    CheckField, FormActions, FormState, SelectField, Submit, TextAreaField, TextField,
    choice_required, code_options, errors_for, focus_first_field, focus_id, rule_errors,
};
pub use lang_switch::LangSwitch;
pub use progress::Progress;
pub use region_cascade::RegionCascade;
pub use table::{DataTable, EmptyRow, Pager};
