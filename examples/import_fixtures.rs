//! Writes the `boardpack import` test fixtures: `tests/import/<name>.docx` and
//! `tests/import/<name>.expected.json` for every report in the generator.
//!
//! ```sh
//! cargo run --example import_fixtures
//! ```
//!
//! The output is byte-identical on every run and machine; `tests/import_generator.rs` fails when the
//! committed files differ from what the generator writes, so run this after changing the generator.

#[path = "../tests/import/generator/mod.rs"]
mod generator;

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import");
    std::fs::create_dir_all(&dir).expect("create tests/import");
    for fixture in generator::fixtures() {
        let docx = dir.join(format!("{}.docx", fixture.name));
        let json = dir.join(format!("{}.expected.json", fixture.name));
        std::fs::write(&docx, &fixture.docx)
            .unwrap_or_else(|e| panic!("write {}: {e}", docx.display()));
        std::fs::write(&json, fixture.expected.to_json())
            .unwrap_or_else(|e| panic!("write {}: {e}", json.display()));
        println!(
            "wrote {} ({} bytes) and {}",
            docx.display(),
            fixture.docx.len(),
            json.display()
        );
    }
}
