"""What every public page's frame needs: the menus, the partner offices' links, news by e-mail."""

from functools import cached_property

from django.urls import NoReverseMatch, reverse

from .models import PartnerLink
from .selectors import committee_label, committee_networks


class SiteFrame:
    """Read lazily, so pages that do not draw the site's frame (the admin) run no query."""

    @cached_property
    def partner_links(self):
        return list(PartnerLink.objects.shown())

    @cached_property
    def subscribe_url(self) -> str:
        """The news-by-e-mail signup page (portal.subscriptions), when that app is installed."""
        try:
            return reverse("subscriptions:signup")
        except NoReverseMatch:
            return ""

    @cached_property
    def committee_menu(self):
        return [(network, committee_label(network)) for network in committee_networks()]


def site(request):
    return {"site_frame": SiteFrame()}
