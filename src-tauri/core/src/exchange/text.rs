//! Turning an imported file's bytes into text: a UTF-8 byte-order mark is dropped, UTF-8 is read
//! as is, and anything else that still looks like text is read as Windows-1252 (what a
//! spreadsheet on Windows saves a CSV as), with a notice saying so. Binary files are refused.

use crate::error::{Error, Result};

/// Text read from a file, and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Set when the file was not UTF-8 and was read as Windows-1252.
    pub notice: Option<String>,
}

/// Reads `bytes` as text; `what` names the file kind in messages ("This CSV file").
pub fn decode(bytes: &[u8], what: &str) -> Result<Decoded> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::BadFile(format!(
            "{what} is empty. Choose the file again, or export it again from where it came from."
        )));
    }
    if looks_binary(bytes) {
        // Not "{what}": a picture renamed .csv is no CSV file at all.
        return Err(Error::BadFile(
            "This file is not a text file (it may be an image or a document renamed). Choose \
             LinkedIn's .zip or Connections.csv, or a .vcf file, itself."
                .to_owned(),
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            notice: None,
        });
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        notice: Some(
            "The file was not saved as UTF-8; it was read as Windows-1252 (how Excel on Windows \
             saves CSV). Check that accented names look right below."
                .to_owned(),
        ),
    })
}

/// Binary files carry NUL bytes or many control characters; text never does.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 20 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        let plain = decode("Zoë".as_bytes(), "x").unwrap();
        assert_eq!(plain.text, "Zoë");
        assert_eq!(plain.notice, None);
        let marked = decode(b"\xEF\xBB\xBFZo\xC3\xAB", "x").unwrap();
        assert_eq!(marked.text, "Zoë");
    }

    #[test]
    fn windows_1252_is_decoded_and_said() {
        let decoded = decode(b"Zo\xEB M\xFCller", "x").unwrap();
        assert_eq!(decoded.text, "Zoë Müller");
        assert!(decoded.notice.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        for bytes in [&b""[..], b"  \n\r\n", b"\xEF\xBB\xBF"] {
            let error = decode(bytes, "This CSV file").unwrap_err();
            assert!(error.to_string().contains("is empty"), "{error}");
        }
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
        let error = decode(png, "This CSV file").unwrap_err();
        assert!(error.to_string().contains("not a text file"), "{error}");
    }
}
