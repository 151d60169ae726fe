//! The top-level modules of `crate/src` import each other in one direction
//! only, the direction the data flows (see README, "How it works"):
//!
//! ```text
//! core ← input ← parse ← platforms ← judge ← text ← stream ← wasm, cli ← main
//! ```
//!
//! A module may import its own children and any module of a lower layer;
//! never one of its own layer or above. So there is no import circle between
//! top-level modules, and a parser never reaches the report's texts.
//!
//! This test reads the sources: every `crate::…` path (grouped imports
//! included), every `super::…` that climbs to the crate root, and in
//! `main.rs` every `scep_doctor::…` path (through the re-exports of
//! `lib.rs`; the same in `cli/`, the binary's own modules). Comments are not read, nor `#[cfg(test)] mod …` blocks: a test
//! may reach any table it checks. `lib.rs` is the root: it declares the
//! modules and re-exports the public paths, and nothing else.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A new top-level module must be added here.
const LAYERS: &[&[&str]] = &[
    &["core"],
    &["input"],
    &["parse"],
    &["platforms"],
    &["judge"],
    &["text"],
    &["stream"],
    &["wasm", "cli"],
    &["main"],
];

/// The binary's modules (`main.rs` and the folders it declares): not
/// declared by `lib.rs`, they reach the library as `scep_doctor::…`.
const BINARY: &[&str] = &["main", "cli"];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file (`text/render/mod.rs` → `[text, render]`).
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without `#[cfg(test)] mod` blocks
/// (rustfmt puts their closing brace alone at the indent of `mod`).
fn code_of(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let next = lines.get(i + 1).copied().unwrap_or("");
        let next_trim = next.trim_start();
        if line.trim() == "#[cfg(test)]"
            && (next_trim.starts_with("mod ") || next_trim.starts_with("pub mod "))
            && next_trim.ends_with('{')
        {
            let close = format!("{}}}", &next[..next.len() - next_trim.len()]);
            i += 2;
            while i < lines.len() && lines[i] != close {
                i += 1;
            }
            i += 1;
            continue;
        }
        if !line.trim_start().starts_with("//") {
            out.push_str(line);
            out.push('\n');
        }
        i += 1;
    }
    out
}

/// The identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let s = s.trim_start();
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segment of every path that follows `prefix` (`crate::`,
/// `scep_doctor::`), reading a `{…}` group as one path per item.
fn roots_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(ident(&item).to_string());
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            out.push(ident(&item).to_string());
        } else {
            out.push(ident(rest).to_string());
        }
    }
    out.retain(|s| !s.is_empty() && s != "self");
    out
}

/// The top-level modules a `super::…` path names when it climbs to the root.
fn roots_through_super(code: &str, depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("super::") {
        let before = rest[..at].chars().next_back();
        let mut tail = &rest[at..];
        let mut supers = 0;
        while let Some(t) = tail.strip_prefix("super::") {
            supers += 1;
            tail = t;
        }
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') && supers >= depth {
            out.push(ident(tail).to_string());
        }
        rest = tail;
    }
    out
}

/// `lib.rs`: the modules it declares, and its re-exports (name → module).
fn root() -> (Vec<String>, BTreeMap<String, String>) {
    let lib = fs::read_to_string(src().join("lib.rs")).unwrap();
    let lib = code_of(&lib);
    let mut modules = Vec::new();
    let mut reexports = BTreeMap::new();
    for line in lib.lines().map(str::trim) {
        if let Some(m) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
        {
            modules.push(m.trim_end_matches(';').to_string());
        } else if let Some(path) = line.strip_prefix("pub use crate::") {
            let module = ident(path).to_string();
            let names = path[module.len()..]
                .trim_start_matches("::")
                .trim_end_matches(';')
                .trim_matches(|c| c == '{' || c == '}');
            for name in names.split(',') {
                let name = name.rsplit("::").next().unwrap_or(name).trim();
                reexports.insert(name.to_string(), module.clone());
            }
        }
    }
    (modules, reexports)
}

#[test]
fn every_module_of_lib_rs_has_a_layer() {
    let (modules, _) = root();
    assert!(!modules.is_empty());
    for m in &modules {
        assert!(rank(m).is_some(), "`{m}` is in no layer of LAYERS");
    }
    for m in LAYERS.iter().flat_map(|l| l.iter()) {
        assert!(
            BINARY.contains(m) || modules.iter().any(|d| d == m),
            "LAYERS names `{m}`, which lib.rs does not declare"
        );
    }
}

#[test]
fn imports_point_down_the_flow() {
    let (_, reexports) = root();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let path = module_path(file);
        if path == ["lib"] {
            continue;
        }
        let top = path[0].as_str();
        let Some(own) = rank(top) else {
            wrong.push(format!("{}: `{top}` is in no layer", file.display()));
            continue;
        };
        let code = code_of(&fs::read_to_string(file).unwrap());
        let mut targets = roots_after(&code, "crate::");
        targets.extend(roots_through_super(&code, path.len()));
        if BINARY.contains(&top) {
            for name in roots_after(&code, "scep_doctor::") {
                targets.push(reexports.get(&name).cloned().unwrap_or(name));
            }
        }
        for target in targets {
            if target == top {
                continue;
            }
            let name = file.strip_prefix(src()).unwrap().display();
            match rank(&target) {
                None => wrong.push(format!(
                    "{name}: `{target}` is not a top-level module (use its own path, not a re-export)"
                )),
                Some(r) if r >= own => wrong.push(format!(
                    "{name}: `{top}` imports `{target}`, which is not below it"
                )),
                Some(_) => {}
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports against the flow:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reader_of_this_test_finds_what_it_should() {
    let code = "use crate::{core::lang::Lang, text::{i18n, render}};\n\
                // use crate::wasm::x;\n\
                let a = crate::parse::format::detect(x);\n\
                #[cfg(test)]\n\
                mod tests {\n    use crate::stream::Analysis;\n}\n\
                use super::super::judge::x;\n";
    let code = code_of(code);
    assert_eq!(roots_after(&code, "crate::"), ["core", "text", "parse"]);
    assert_eq!(roots_through_super(&code, 2), ["judge"]);
    assert!(roots_through_super(&code, 3).is_empty());
}
