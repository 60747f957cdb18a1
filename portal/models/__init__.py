"""The public site's records: pages, partner links, news and showcased member work."""

from .base import PublicationState, PublicationStatus
from .content import Page, PartnerLink
from .news import NewsItem
from .showcase import ShowcaseCategory, ShowcaseImage, ShowcaseItem

__all__ = [
    "NewsItem",
    "Page",
    "PartnerLink",
    "PublicationState",
    "PublicationStatus",
    "ShowcaseCategory",
    "ShowcaseImage",
    "ShowcaseItem",
]
