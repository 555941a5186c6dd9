// Loads the SPA (wasm-bindgen output). A separate file because the CSP forbids inline scripts.
import init from '/frontend.js';

init({ module_or_path: '/frontend_bg.wasm' });
