//! The default layouts and static files are embedded in the binary
//! (include_dir): rebuild whenever one of them changes.

fn main() {
    println!("cargo:rerun-if-changed=layouts");
    println!("cargo:rerun-if-changed=static");
}
