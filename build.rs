//! The default layouts, static files and interface strings (`i18n/`) are
//! embedded in the binary (include_dir): rebuild whenever one changes.

fn main() {
    println!("cargo:rerun-if-changed=layouts");
    println!("cargo:rerun-if-changed=static");
    println!("cargo:rerun-if-changed=i18n");
}
