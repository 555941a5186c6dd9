//! The login flow: login, the forced password change, the confidentiality agreement.

mod agreement;
mod change_password;
mod frame;
mod login;

pub use agreement::AgreementPage;
pub use change_password::ChangePasswordPage;
pub use login::LoginPage;
