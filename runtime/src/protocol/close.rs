//! What a close frame may carry (RFC 6455 5.5, 7.4).

use crate::config::MAX_CLOSE_REASON;
use crate::error::Error;

/// The codes an endpoint may send, and a reason that fits a control frame.
pub(crate) fn check_close(code: u16, reason: &str) -> Result<(), Error> {
    if !matches!(code, 1000..=1003 | 1007..=1011 | 3000..=4999) {
        return Err(Error::CloseCode(code));
    }
    if reason.len() > MAX_CLOSE_REASON {
        return Err(Error::CloseReason(reason.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_close;

    #[test]
    fn only_codes_an_endpoint_may_send_and_reasons_that_fit() {
        for code in [1000, 1001, 1003, 1007, 1011, 3000, 4999] {
            assert!(check_close(code, "").is_ok(), "{code}");
        }
        for code in [0, 999, 1004, 1005, 1006, 1012, 1015, 2999, 5000] {
            assert!(check_close(code, "").is_err(), "{code}");
        }
        assert!(check_close(1000, &"x".repeat(123)).is_ok());
        assert!(check_close(1000, &"x".repeat(124)).is_err());
    }
}
