//! Bytes to text: an input's bytes become lines of text ([`decode`], with
//! RTF export artefacts taken off by [`rtf`]), and zip and cabinet bundles
//! are opened into their members ([`archive`]). Nothing here knows a log
//! format; what cannot be read becomes a coded [`Problem`](crate::core::report::Problem).

pub mod archive;
pub mod decode;
pub mod rtf;

/// One input: a file or a paste.
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The sources `analyze` reads: every input, with zip archives opened into
/// their members (each tagged with the index of the input it came from).
pub fn expand(inputs: &[Input]) -> Vec<archive::Expanded> {
    let mut out = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        out.extend(
            archive::expand(input.name, input.bytes)
                .into_iter()
                .map(|e| archive::Expanded { input: index, ..e }),
        );
    }
    out
}
