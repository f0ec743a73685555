//! Embeds the default theme (`themes/default/`) in the binary, so `boardpack` works on a site that has
//! no `themes/` folder of its own (for instance one made by `boardpack new site`), and names this
//! build of boardpack (`BOARDPACK_BUILD_ID`) so that caches written by any other build are ignored.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let theme = Path::new("themes/default");
    println!("cargo::rerun-if-changed=themes/default");
    let mut files: Vec<String> = Vec::new();
    collect(theme, theme, &mut files);
    files.sort();
    let mut out = String::from(
        "/// The default theme's files: (path inside the theme, contents).\npub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for rel in &files {
        let abs = std::fs::canonicalize(theme.join(rel)).expect("theme file exists");
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .expect("write to string");
        println!("cargo::rerun-if-changed={}", theme.join(rel).display());
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_theme.rs");
    std::fs::write(dest, out).expect("write default_theme.rs");
    println!("cargo::rustc-env=BOARDPACK_BUILD_ID={}", build_id());
}

/// A hash of everything that makes this binary what it is: its sources, theme, schemas and locked
/// dependencies, the compiler, target and profile. The build cache, the PDF cache and the kept search
/// documents are keyed on it, so pages rendered by another commit's boardpack (a CI cache restored
/// from an older run, say) are never reused, even when the package version is the same.
fn build_id() -> String {
    let mut files: Vec<String> = Vec::new();
    for dir in ["src", "themes", "schema"] {
        println!("cargo::rerun-if-changed={dir}");
        let mut inside = Vec::new();
        collect(Path::new(dir), Path::new(dir), &mut inside);
        files.extend(inside.into_iter().map(|rel| format!("{dir}/{rel}")));
    }
    for file in ["Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo::rerun-if-changed={file}");
        files.push(file.to_string());
    }
    files.sort();
    let mut hash = Fnv::default();
    for file in &files {
        hash.write(file.as_bytes());
        // A file that cannot be read (Cargo.lock in some packagings) is named without its bytes.
        hash.write(&std::fs::read(file).unwrap_or_default());
    }
    for var in ["TARGET", "PROFILE", "OPT_LEVEL", "DEBUG"] {
        hash.write(std::env::var(var).unwrap_or_default().as_bytes());
    }
    let mut features: Vec<String> = std::env::vars()
        .map(|(k, _)| k)
        .filter(|k| k.starts_with("CARGO_FEATURE_"))
        .collect();
    features.sort();
    hash.write(features.join(",").as_bytes());
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    if let Ok(version) = std::process::Command::new(rustc).arg("-vV").output() {
        hash.write(&version.stdout);
    }
    format!("{:016x}{:016x}", hash.0, hash.1)
}

/// Two FNV-1a hashes with different offsets: 128 bits, with no dependency for a build script.
struct Fnv(u64, u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        // The length first, so that two files' bytes cannot run together into the same stream.
        for &b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            self.1 = (self.1 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, files);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.split('/').any(|part| part.starts_with('.')) {
                files.push(rel);
            }
        }
    }
}
