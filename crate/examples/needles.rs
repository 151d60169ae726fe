//! Prints every rule needle of every format's rule table, one per line,
//! deduplicated: the keyword file `scripts/bench.sh` gives to
//! `grep -F -f` and `rg -F -f`, so they search for what the prefilter does.
//!
//! `cargo run --release --example needles > target/bench/needles.txt`

use std::collections::BTreeSet;

fn main() {
    let mut needles = BTreeSet::new();
    for format in scep_doctor::platforms::FORMATS {
        for rule in (format.rules)().rules() {
            needles.insert(rule.needle);
        }
    }
    for needle in needles {
        println!("{needle}");
    }
}
