"""Refuses request data the database cannot store: NUL bytes and unpaired surrogates (docs/core.md)."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import translation


def storable(text: str) -> bool:
    """False for a NUL (PostgreSQL refuses it in any text) or a lone surrogate (not UTF-8)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _texts(request):
    yield request.path_info
    for data in (request.GET, request.COOKIES):
        for key, values in data.lists() if hasattr(data, "lists") else data.items():
            yield key
            yield from values if isinstance(values, list) else [values]
    if request.method == "POST":
        # Reading POST here is what CsrfViewMiddleware does anyway; for multipart it parses the
        # non-file fields and the files' names (Django already drops unprintable characters there).
        for key, values in request.POST.lists():
            yield key
            yield from values
        for key, files in request.FILES.lists():
            yield key
            yield from (upload.name or "" for upload in files)


class RefuseUnstorableInput:
    """One gate for every view: the path, the query, the cookies and the form fields.

    Without it a NUL byte in any filter, search or autocomplete term reaches PostgreSQL and comes
    back as a 500 ("A string literal cannot contain NUL characters"). It stands before the session
    middleware because the session key comes from a cookie and is looked up in the database.
    No view reads a JSON body (request.body); one that does must check its strings with storable().
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if all(storable(text) for text in _texts(request)):
            return self.get_response(request)
        # LocaleMiddleware has not run yet: the language comes from the path's prefix (/en/).
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            body = render_to_string("core/unstorable_input.html", {"language": language})
        return HttpResponseBadRequest(body)
