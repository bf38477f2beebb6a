//! Where an HTTP head ends: a client's reads stop there until the handshake is done, so that
//! tungstenite's handshake takes no frame with it.

const END: &[u8] = b"\r\n\r\n";

/// How much of the blank line that ends a head the bytes so far end with.
#[derive(Debug, Default)]
pub(crate) struct HeadEnd {
    matched: usize,
}

impl HeadEnd {
    /// How many of `bytes` belong to the head: `Some(n)` when it ends at `n`, `None` when all
    /// of them do and it goes on.
    pub fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        for (i, byte) in bytes.iter().enumerate() {
            self.matched = match *byte {
                b if b == END[self.matched] => self.matched + 1,
                b'\r' => 1,
                _ => 0,
            };
            if self.matched == END.len() {
                return Some(i + 1);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::HeadEnd;
    use proptest::prelude::*;

    #[test]
    fn finds_the_blank_line_across_pieces() {
        let mut head = HeadEnd::default();
        assert_eq!(head.scan(b"HTTP/1.1 101 OK\r\nA: b\r"), None);
        assert_eq!(head.scan(b"\n\r"), None);
        assert_eq!(head.scan(b"\n\x81\x00"), Some(1));
    }

    #[test]
    fn a_lone_cr_or_lf_is_no_end() {
        let mut head = HeadEnd::default();
        assert_eq!(head.scan(b"a\r\r\n\n\rb\n\r\n"), None);
        assert_eq!(head.scan(b"\r\n"), Some(2));
    }

    proptest! {
        #[test]
        fn the_end_is_found_however_the_bytes_are_cut(head in "[a-zA-Z: \r\n]{0,200}", cut in 0usize..300) {
            let text = format!("{}\r\n\r\nrest", head.replace("\r\n\r\n", ""));
            let end = text.find("\r\n\r\n").unwrap() + 4;
            let bytes = text.as_bytes();
            let cut = cut.min(bytes.len());
            let mut scanner = HeadEnd::default();
            let found = match scanner.scan(&bytes[..cut]) {
                Some(n) => n,
                None => cut + scanner.scan(&bytes[cut..]).unwrap(),
            };
            prop_assert_eq!(found, end);
        }
    }
}
