//! The upgrade requests waiting for the host's verdict (a server's `accept` hook), by ticket.

use crate::core::event::{ConnId, Verdict};
use crate::core::lock::lock;
use async_std::channel::{self, Receiver, Sender};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
pub(crate) struct Admissions(Mutex<HashMap<ConnId, Sender<Verdict>>>);

impl Admissions {
    /// Waits for the verdict on `ticket`; it arrives on the receiver.
    pub fn open(&self, ticket: ConnId) -> Receiver<Verdict> {
        let (answer, verdict) = channel::bounded(1);
        lock(&self.0).insert(ticket, answer);
        verdict
    }

    /// A verdict for a ticket no one waits for any more is dropped.
    pub fn answer(&self, ticket: ConnId, verdict: Verdict) {
        if let Some(answer) = lock(&self.0).remove(&ticket) {
            let _ = answer.try_send(verdict);
        }
    }

    pub fn forget(&self, ticket: ConnId) {
        lock(&self.0).remove(&ticket);
    }
}

#[cfg(test)]
mod tests {
    use super::Admissions;
    use crate::core::event::Verdict;

    #[test]
    fn a_verdict_reaches_its_ticket_and_a_forgotten_one_reaches_no_one() {
        let admissions = Admissions::default();
        let first = admissions.open(1);
        let second = admissions.open(2);
        admissions.answer(1, Verdict::Accept);
        assert_eq!(first.try_recv(), Ok(Verdict::Accept));
        admissions.forget(2);
        admissions.answer(2, Verdict::Accept);
        assert!(second.try_recv().is_err(), "the forgotten ticket's sender is gone");
    }
}
