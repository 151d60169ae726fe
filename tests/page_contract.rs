//! The page's side of the DOM contract (`crate/src/wasm/contract.rs`):
//! every `data-*` attribute that `www/app.js`, `www/style.css` or the
//! end-to-end tests read is either rendered by the core (listed in
//! `DATA_ATTRIBUTES`) or the page's own (written in `index.html` or by
//! `app.js` itself); and every attribute listed as read by the page is read
//! by `app.js`. `tests/wasm_boundary.rs` checks the rendering side in
//! Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../crate/src/wasm/contract.rs"]
#[allow(dead_code)]
mod contract;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use contract::{ReadBy, DATA_ATTRIBUTES};
use regex::Regex;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap()
}

/// `dataset.fooBar` → `data-foo-bar`.
fn kebab(camel: &str) -> String {
    let mut name = String::from("data-");
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            name.push('-');
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

/// Every `data-*` name a script or stylesheet mentions, as `dataset.x` or
/// as a `data-x` string or selector.
fn mentioned(text: &str) -> BTreeSet<String> {
    let dataset = Regex::new(r"\bdataset\.([A-Za-z][A-Za-z0-9]*)").unwrap();
    let literal = Regex::new(r"\bdata-[a-z0-9]+(?:-[a-z0-9]+)*").unwrap();
    let mut names: BTreeSet<String> = dataset.captures_iter(text).map(|c| kebab(&c[1])).collect();
    names.extend(literal.find_iter(text).map(|m| m.as_str().to_string()));
    names
}

/// The attributes the page sets itself: in `index.html`'s markup and where
/// `app.js` assigns them.
fn page_own(app: &str) -> BTreeSet<String> {
    let html = read("index.html");
    let in_markup = Regex::new(r"\s(data-[a-z0-9-]+)=").unwrap();
    let assigned = Regex::new(r"\bdataset\.([A-Za-z][A-Za-z0-9]*)\s*=[^=]").unwrap();
    let mut own: BTreeSet<String> = in_markup
        .captures_iter(&html)
        .map(|c| c[1].to_string())
        .collect();
    own.extend(assigned.captures_iter(app).map(|c| kebab(&c[1])));
    own
}

fn listed() -> BTreeSet<String> {
    DATA_ATTRIBUTES.iter().map(|a| a.name.to_string()).collect()
}

fn readers() -> Vec<(String, String)> {
    let mut files = vec![
        ("www/app.js".to_string(), read("www/app.js")),
        ("www/style.css".to_string(), read("www/style.css")),
    ];
    let mut e2e: Vec<PathBuf> = fs::read_dir(root().join("tests/e2e"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mjs"))
        .collect();
    e2e.sort();
    for path in e2e {
        let text = fs::read_to_string(&path).unwrap();
        files.push((path.display().to_string(), text));
    }
    files
}

#[test]
fn every_attribute_read_is_rendered_or_the_pages_own() {
    let app = read("www/app.js");
    let own = page_own(&app);
    let listed = listed();
    for (file, text) in readers() {
        for name in mentioned(&text) {
            assert!(
                listed.contains(&name) || own.contains(&name),
                "{file} reads {name}, which the report never renders \
                 (crate/src/wasm/contract.rs) and the page never sets"
            );
        }
    }
}

#[test]
fn every_attribute_the_page_relies_on_is_read_by_app_js() {
    let read_by_app = mentioned(&read("www/app.js"));
    for attribute in DATA_ATTRIBUTES.iter().filter(|a| a.read_by == ReadBy::Page) {
        assert!(
            read_by_app.contains(attribute.name),
            "{} is listed as read by the page but www/app.js never reads it",
            attribute.name
        );
    }
}

#[test]
fn the_page_does_not_reuse_a_rendered_name_for_its_own() {
    let own = page_own(&read("www/app.js"));
    for name in listed() {
        assert!(
            !own.contains(&name),
            "{name} is both rendered by the core and set by the page"
        );
    }
}

#[test]
fn names_are_unique_and_well_formed() {
    let mut seen = BTreeSet::new();
    for a in DATA_ATTRIBUTES {
        assert!(a.name.starts_with("data-"), "{}", a.name);
        assert!(seen.insert(a.name), "{} twice", a.name);
        assert!(!a.on.is_empty() && !a.value.is_empty());
    }
}
