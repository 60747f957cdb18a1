"""Every public page runs the same number of SQL queries whatever the amount of data.

Each page is loaded with a small site (3 of each kind) and a large one (30): the count must be
the same, and it is pinned. Every page's frame costs 2 queries: the committee menu (province and
area networks) and the partner links in the footer.
"""

import pytest
from django.urls import reverse

from tests.portal.factories import Site

pytestmark = pytest.mark.django_db

FRAME = 2  # committee menu + partner links (the signup box in the frame runs none)

# Page name (with args from the site) → queries, and why.
EXPECTED = {
    # latest news, featured work, their cover images, three counts (large groups, small
    # groups, active members)
    "home": FRAME + 6,
    "about": FRAME + 1,  # the page
    "news_list": FRAME + 2,  # count for the paginator, the page of items
    "news_detail": FRAME + 2,  # the item, other news
    "news_feed": 1,  # the items (no frame)
    "showcase_index": FRAME + 3,  # newest three per category (window), their images, counts
    "showcase_category": FRAME + 3,  # count, page of items, their images
    "showcase_detail": FRAME + 4,  # item with member and group, its images, more work + images
    "committee_index": FRAME + 1,  # the networks
    "network_committee": FRAME + 3,  # network, its current seats, its groups or areas
    "large_groups": FRAME + 2,  # groups with counts, all current seats of their committees
    "search": FRAME + 3,  # news matches, showcase matches, their images
    "sitemap": 4,  # pages, networks, news, showcase (no frame)
}


def url_for(name: str, site: Site) -> str:
    args = {
        "news_detail": [site.news[0].pk],
        "showcase_category": ["income"],
        "showcase_detail": [site.showcase[0].pk],
        "network_committee": [site.areas[0].pk],
    }.get(name, [])
    if name == "sitemap":
        return reverse("sitemap")
    url = reverse(f"portal:{name}", args=args)
    return url + "?q=ทดสอบ" if name == "search" else url


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_queries_do_not_grow_with_the_data(client, django_assert_num_queries, name, size):
    site = Site(size=size)
    url = url_for(name, site)
    with django_assert_num_queries(EXPECTED[name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_english_pages_run_the_same_queries(client, django_assert_num_queries, size):
    site = Site(size=size)
    with django_assert_num_queries(EXPECTED["home"]):
        assert client.get("/en/").status_code == 200
    with django_assert_num_queries(EXPECTED["large_groups"]):
        assert client.get("/en/committees/large-groups/").status_code == 200
    assert site.news
