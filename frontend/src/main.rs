//! The shiming SPA: Leptos, client-side rendered, served by the API binary as static files.

mod api;
mod app;
mod components;
mod dicts;
mod format;
mod i18n;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
