"""Demo content of the public site: pages, partner links, news and showcased member work.

`build_demo_content(today=...)` is called by `manage.py load_demo` after the rosters exist. Each
part is written only when none of its kind exists yet, so running it again changes nothing.
"""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from groups.models import LargeGroup, SmallGroupMembership
from members.models import MemberStatus
from portal.images import store_renditions
from portal.models import (
    NewsItem,
    Page,
    PartnerLink,
    PublicationStatus,
    ShowcaseImage,
    ShowcaseItem,
)

from . import pages
from .news import NEWS
from .pictures import picture
from .showcase import WORK

PUBLISH_TIME = datetime.time(9, 0)


@dataclass
class DemoContentResult:
    pages: int = 0
    partner_links: int = 0
    news: int = 0
    showcase: int = 0
    images: int = 0


def _moment(today: datetime.date, days_ago: int) -> datetime.datetime:
    day = today - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, PUBLISH_TIME))


def _attach_picture(record, *, scene: str, seed: int, alt: str, alt_en: str, name: str) -> None:
    record.image_alt = alt
    record.image_alt_en = alt_en
    record.image.save(f"{name}.jpg", ContentFile(picture(scene, seed)), save=False)
    record.full_clean()
    record.save()
    store_renditions(instance=record)


def _pages() -> int:
    created = 0
    for slug, prefix in ((Page.ABOUT, "ABOUT"), (Page.SERVICES, "SERVICES")):
        if Page.objects.filter(slug=slug).exists():
            continue
        page = Page(
            slug=slug,
            **{
                field: getattr(pages, f"{prefix}_{field.upper()}")
                for field in ("title", "title_en", "summary", "summary_en", "body", "body_en")
            },
        )
        page.full_clean()
        page.save()
        created += 1
    return created


def _partner_links() -> int:
    if PartnerLink.objects.exists():
        return 0
    for position, fields in enumerate(pages.PARTNER_LINKS, start=1):
        link = PartnerLink(position=position, **fields)
        link.full_clean()
        link.save()
    return len(pages.PARTNER_LINKS)


def _news(today: datetime.date, result: DemoContentResult) -> None:
    if NewsItem.objects.exists():
        return
    for index, entry in enumerate(NEWS):
        item = NewsItem(
            title=entry.title,
            title_en=entry.title_en,
            summary=entry.summary,
            summary_en=entry.summary_en,
            body=entry.body,
            body_en=entry.body_en,
            status=PublicationStatus.DRAFT if entry.draft else PublicationStatus.PUBLISHED,
            published_at=_moment(today, entry.days_ago),
        )
        item.full_clean()
        item.save()
        if entry.scene:
            _attach_picture(
                item,
                scene=entry.scene,
                seed=index,
                alt=entry.image_alt,
                alt_en=entry.image_alt_en,
                name=f"demo-news-{index + 1}",
            )
            result.images += 1
        result.news += 1


def _showcase_members(count: int) -> list:
    """Active members in a current small group, spread over the first large groups."""
    current = SmallGroupMembership.objects.filter(
        ended_on__isnull=True, member__status=MemberStatus.ACTIVE
    )
    # A few members of a few groups: the roster may hold a million members (load_demo --members).
    group_ids = list(
        LargeGroup.objects.filter(pk__in=current.values("small_group__large_group_id"))
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    by_group = {
        group_id: [
            membership.member
            for membership in current.filter(small_group__large_group_id=group_id)
            .select_related("member")
            .order_by("member__member_number")[: count + 2]
        ]
        for group_id in group_ids
    }
    groups = list(by_group.values())
    longest = max((len(members) for members in groups), default=0)
    # One member per large group in turn, starting from each group's third member (the first
    # ones usually sit on its committee); a small roster lends a member more than one work.
    depths = [*range(2, longest), *range(min(2, longest))]
    ordered = [members[depth] for depth in depths for members in groups if depth < len(members)]
    if not ordered:
        return []
    return [ordered[index % len(ordered)] for index in range(count)]


def _showcase(today: datetime.date, result: DemoContentResult) -> None:
    if ShowcaseItem.objects.exists():
        return
    members = _showcase_members(len(WORK))
    if not members:
        return
    for index, (entry, member) in enumerate(zip(WORK, members, strict=True)):
        item = ShowcaseItem(
            title=entry.title,
            title_en=entry.title_en,
            category=entry.category,
            member=member,
            summary=entry.summary,
            summary_en=entry.summary_en,
            description=entry.description,
            description_en=entry.description_en,
            is_featured=entry.featured,
            status=PublicationStatus.PUBLISHED,
            published_at=_moment(today, 5 + index * 9),
        )
        item.full_clean()
        item.save()
        for position, (scene, alt, alt_en) in enumerate(entry.scenes):
            image = ShowcaseImage(item=item, position=position)
            _attach_picture(
                image,
                scene=scene,
                seed=100 + index * 10 + position,
                alt=alt,
                alt_en=alt_en,
                name=f"demo-work-{index + 1}-{position + 1}",
            )
            result.images += 1
        result.showcase += 1


@transaction.atomic
def build_demo_content(*, today: datetime.date) -> DemoContentResult:
    """Write the demo's pages, partner links, news and showcase; skip what already exists.

    Showcase items belong to members, so they are written only when the roster has active
    members in small groups; otherwise they are skipped.
    """
    result = DemoContentResult()
    result.pages = _pages()
    result.partner_links = _partner_links()
    _news(today, result)
    _showcase(today, result)
    return result
