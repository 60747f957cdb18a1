"""The news as RSS and Atom feeds, in the language of the address (/news/feed/, /en/news/feed/)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .selectors import news_cards

FEED_ITEMS = 20


class LatestNewsFeed(Feed):
    title = _("ข่าวเครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร")
    description = _("ข่าวล่าสุดของเครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร")
    link = reverse_lazy("portal:news_list")

    def items(self):
        return news_cards()[:FEED_ITEMS]

    def item_title(self, item):
        return item.local.title

    def item_description(self, item):
        return item.local.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = Atom1Feed
    subtitle = LatestNewsFeed.description
