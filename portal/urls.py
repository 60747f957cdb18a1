"""URL configuration: the admin and the public site (Thai at /, English under /en/)."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from portal.feeds import LatestNewsAtomFeed, LatestNewsFeed
from portal.sitemaps import SITEMAPS
from portal.views import committees, health, news, pages, search, showcase

public_patterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("about/", pages.PageView.as_view(slug="about"), name="about"),
    path("services/", pages.PageView.as_view(slug="services"), name="services"),
    path("pages/<slug:slug>/", pages.PageView.as_view(), name="page"),
    path("news/", news.NewsListView.as_view(), name="news_list"),
    path("news/<int:pk>/", news.NewsDetailView.as_view(), name="news_detail"),
    path("news/feed/", LatestNewsFeed(), name="news_feed"),
    path("news/atom/", LatestNewsAtomFeed(), name="news_atom"),
    path("showcase/", showcase.ShowcaseIndexView.as_view(), name="showcase_index"),
    path("showcase/<int:pk>/", showcase.ShowcaseDetailView.as_view(), name="showcase_detail"),
    path(
        "showcase/<slug:category>/",
        showcase.ShowcaseCategoryView.as_view(),
        name="showcase_category",
    ),
    path("committees/", committees.CommitteeIndexView.as_view(), name="committee_index"),
    path("committees/large-groups/", committees.LargeGroupsView.as_view(), name="large_groups"),
    path(
        "committees/<int:pk>/",
        committees.NetworkCommitteeView.as_view(),
        name="network_committee",
    ),
    path("search/", search.search_view, name="search"),
]

urlpatterns = [
    # The load balancer's probe: one address in every language, no redirect to a prefix.
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", pages.robots_txt, name="robots_txt"),
    path("favicon.ico", pages.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", pages.media, name="media"),
]
localized_patterns = [path("", include((public_patterns, "portal")))]
if apps.is_installed("portal.subscriptions"):
    # News by e-mail (ต้องการรับข่าวโปรดฝากอีเมลไว้), a separate app: its pages in both languages.
    localized_patterns.append(path("news-mail/", include("portal.subscriptions.urls")))

urlpatterns += i18n_patterns(*localized_patterns, prefix_default_language=False)
