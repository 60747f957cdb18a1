"""Search over published news and showcased work."""

from django.shortcuts import render

from ..forms import SearchForm
from ..selectors import SEARCH_MIN_LENGTH, clean_search_query, search


def search_view(request):
    raw = request.GET.get("q", "")
    query = clean_search_query(raw)
    results = search(query=query) if len(query) >= SEARCH_MIN_LENGTH else None
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "form": SearchForm(initial={"q": query}, auto_id="search-page-%s"),
            "results": results,
            "too_short": bool(query) and results is None,
            "truncated": len(" ".join(raw.split())) > len(query),
            "min_length": SEARCH_MIN_LENGTH,
        },
    )
