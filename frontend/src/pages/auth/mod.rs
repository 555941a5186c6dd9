//! The login flow: login, the second factor, the forced password change, two-factor enrolment,
//! the confidentiality agreement.

mod agreement;
mod change_password;
mod enrol_mfa;
mod frame;
mod login;
mod mfa;

pub use agreement::AgreementPage;
pub use change_password::ChangePasswordPage;
pub use enrol_mfa::EnrolMfaPage;
pub use login::LoginPage;
pub use mfa::MfaPage;
