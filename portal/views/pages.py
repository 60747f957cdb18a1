"""The home page, pages edited in admin, and what sits around the pages (robots.txt, media)."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView
from django.views.static import serve

from groups.models import LargeGroup, SmallGroup
from members.models import Member

from ..models import Page
from ..selectors import news_cards, showcase_cards

HOME_NEWS = 4
HOME_SHOWCASE = 3


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_news=list(news_cards()[:HOME_NEWS]),
            featured_work=list(showcase_cards().featured()[:HOME_SHOWCASE]),
            large_group_count=LargeGroup.objects.count(),
            small_group_count=SmallGroup.objects.count(),
            member_count=Member.objects.active().count(),
            **kwargs,
        )


class PageView(DetailView):
    """A page of text; /about/ and /services/ are pages with fixed slugs."""

    model = Page
    template_name = "portal/page.html"
    context_object_name = "page"
    slug = None

    def get_object(self, queryset=None):
        slug = self.slug or self.kwargs["slug"]
        page = Page.objects.filter(slug=slug).first()
        if page is None and self.slug is None:
            raise Http404
        return page

    def get_context_data(self, **kwargs):
        # A fixed page not written yet still answers, so the menu never leads to an error.
        return super().get_context_data(page_slug=self.slug or self.kwargs["slug"], **kwargs)


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /i18n/", f"Sitemap: {sitemap}", ""]
    if settings.ADMIN_URL == "admin/":
        # A path of its own (ADMIN_URL) is not announced here: nothing public links to it.
        lines.insert(1, f"Disallow: {reverse('admin:index')}")
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    return HttpResponsePermanentRedirect(static("portal/favicon.ico"))


@require_GET
def media(request, path):
    """Uploaded files, when no front web server serves /media/ (see SERVE_MEDIA)."""
    if not settings.SERVE_MEDIA:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Renditions and uploads never change under the same name (a new upload gets a new name).
    response["Cache-Control"] = "public, max-age=604800"
    return response
