"""sitemap.xml: every public page, in Thai and in English (hreflang alternates)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from networks.models import Level, Network

from .models import NewsItem, Page, ShowcaseCategory, ShowcaseItem


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(I18nSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self):
        names = [
            "portal:home",
            "portal:news_list",
            "portal:showcase_index",
            "portal:committee_index",
            "portal:large_groups",
        ]
        return [(name, ()) for name in names] + [
            ("portal:showcase_category", (category,)) for category in ShowcaseCategory.values
        ]

    def location(self, item):
        name, args = item
        return reverse(name, args=args)


class PageSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.order_by("slug")

    def lastmod(self, page):
        return page.updated_at


class NetworkCommitteeSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Network.objects.filter(level__in=[Level.PROVINCE, Level.AREA]).order_by("pk")

    def location(self, network):
        return reverse("portal:network_committee", args=[network.pk])


class NewsSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return NewsItem.objects.published().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ShowcaseSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return ShowcaseItem.objects.published().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "sections": SectionSitemap,
    "pages": PageSitemap,
    "committees": NetworkCommitteeSitemap,
    "news": NewsSitemap,
    "showcase": ShowcaseSitemap,
}
