"""A local SMTP server (aiosmtpd) that records what it accepts, for tests and the benchmark."""

import email
import email.policy
import socket
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@dataclass
class Accepted:
    recipient: str
    message_id: str
    subject: str
    raw: bytes


@dataclass
class RecordingHandler:
    """Accepts every mail (one recipient each) unless told otherwise.

    refuse: recipient address → SMTP reply for RCPT TO ("550 …" bounces, "451 …" defers).
    before_accept: called with the number of mails accepted so far when DATA arrives; a reply
    string it returns is sent instead of accepting (the mail is then not recorded).
    """

    refuse: dict[str, str] = field(default_factory=dict)
    before_accept: object = None
    accepted: list[Accepted] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.before_accept is not None:
            reply = self.before_accept(len(self.accepted))
            if reply:
                return reply
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.accepted.append(
                    Accepted(
                        recipient=recipient,
                        message_id=message["Message-ID"],
                        subject=str(message["Subject"]),
                        raw=envelope.content,
                    )
                )
        return "250 Message accepted for delivery"

    def count_by_recipient(self) -> Counter:
        with self.lock:
            return Counter(item.recipient for item in self.accepted)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_sink(handler: RecordingHandler):
    """Runs the server in a thread; yields its port."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
