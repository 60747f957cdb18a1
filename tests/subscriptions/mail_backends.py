"""An e-mail backend for tests: the locmem outbox, with failures scripted per recipient."""

from django.core.mail.backends import locmem


class ScriptedBackend(locmem.EmailBackend):
    """Raises the next scripted error for a listed recipient instead of sending to it."""

    failures: dict[str, list[BaseException]] = {}

    def send_messages(self, messages):
        for message in messages:
            script = self.failures.get(message.to[0])
            if script:
                raise script.pop(0)
        return super().send_messages(messages)
