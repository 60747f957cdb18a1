"""Helpers of the news-by-e-mail tests: running recorded tasks, reading mails."""

import re

from django.test import TestCase
from django.utils import timezone


def run_due_tasks(backend, *, now=None) -> list:
    """Run what the dummy backend recorded and is due (and what those runs enqueue), in order.

    A task deferred to a later time stays recorded, as it would stay in a real queue. Tasks the
    runs enqueue after their commits are recorded too (the test's transaction never commits).
    """
    outcomes = []
    while True:
        now_ = now or timezone.now()
        due = [r for r in backend.results if r.task.run_after is None or r.task.run_after <= now_]
        if not due:
            return outcomes
        result = due[0]
        backend.results.remove(result)
        with TestCase.captureOnCommitCallbacks(execute=True):
            outcomes.append(result.task.call(*result.args, **result.kwargs))


def links_in(message, path_part: str) -> list[str]:
    """Absolute links in a mail's plain-text body whose path contains path_part."""
    return [url for url in re.findall(r"https?://\S+", message.body) if path_part in url]


def html_part(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")
