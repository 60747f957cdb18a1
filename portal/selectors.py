"""Reads for the public pages: committees from the roster, home page blocks and search.

Committee reads return plain rows holding a name and a position only: the public pages never
receive a member record, so a national ID, phone number or e-mail cannot reach a template.
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from groups.models import CommitteeSeat, LargeGroup, Position
from members.models import Title
from networks.models import Level, Network

from .models import NewsItem, ShowcaseImage, ShowcaseItem

SEARCH_MAX_LENGTH = 100
SEARCH_MIN_LENGTH = 2
SEARCH_RESULT_LIMIT = 20

# Only these member columns are ever read for a public page.
PUBLIC_MEMBER_FIELDS = ("member__title", "member__first_name", "member__last_name")


def public_name(title: str, first_name: str, last_name: str) -> str:
    """A member's name as printed: Thai writes the title against the name (นางสมศรี)."""
    label = str(Title(title).label) if title in Title.values else title
    separator = " " if (get_language() or "").startswith("en") else ""
    return f"{label}{separator}{first_name} {last_name}"


@dataclass(frozen=True)
class SeatRow:
    position: str
    name: str


def _seat_rows(values) -> list[SeatRow]:
    rows = []
    for seat in values:
        if seat["position"] == Position.OTHER and seat["position_title"]:
            position = seat["position_title"]
        else:
            position = str(Position(seat["position"]).label)
        rows.append(
            SeatRow(
                position=position,
                name=public_name(
                    seat["member__title"], seat["member__first_name"], seat["member__last_name"]
                ),
            )
        )
    return rows


def _current_seats(on: datetime.date):
    return CommitteeSeat.objects.current(on=on).in_position_order()


def committee_networks():
    """The province and its area networks, as the committee menu lists them."""
    return Network.objects.filter(level__in=[Level.PROVINCE, Level.AREA]).order_by("level", "name")


def committee_label(network: Network) -> str:
    """The committee's name in menus and titles, as the network's own site words it."""
    if network.level == Level.PROVINCE:
        return _("คณะกรรมการเครือข่ายจังหวัด")
    return _("คณะกรรมการเครือข่าย %(network)s") % {"network": network}


def network_committee(*, network: Network, on: datetime.date) -> list[SeatRow]:
    values = (
        _current_seats(on)
        .filter(committee__network=network)
        .values("position", "position_title", *PUBLIC_MEMBER_FIELDS)
    )
    return _seat_rows(values)


@dataclass
class GroupEntry:
    group: LargeGroup
    seats: list[SeatRow] = field(default_factory=list)


@dataclass
class DistrictEntry:
    name: str
    groups: list[GroupEntry]


@dataclass
class AreaEntry:
    area: Network
    districts: list[DistrictEntry]

    @property
    def group_count(self) -> int:
        return sum(len(district.groups) for district in self.districts)


def large_groups_network(*, on: datetime.date, area: Network | None = None) -> list[AreaEntry]:
    """Every large group by area and district, each with its current committee: two queries."""
    groups = LargeGroup.objects.select_related("area", "district").with_counts()
    seats = _current_seats(on).filter(committee__large_group__isnull=False)
    if area is not None:
        groups = groups.filter(area=area)
        seats = seats.filter(committee__large_group__area=area)
    groups = groups.order_by("area__name", "district__name", "number")
    seats_by_group: dict[int, list] = {}
    for seat in seats.values(
        "committee__large_group_id", "position", "position_title", *PUBLIC_MEMBER_FIELDS
    ):
        seats_by_group.setdefault(seat["committee__large_group_id"], []).append(seat)
    areas = []
    for _area_id, area_groups in groupby(groups, key=lambda group: group.area_id):
        area_groups = list(area_groups)
        districts = [
            DistrictEntry(
                name=district_name,
                groups=[
                    GroupEntry(group=group, seats=_seat_rows(seats_by_group.get(group.pk, [])))
                    for group in district_groups
                ],
            )
            for district_name, district_groups in groupby(
                area_groups, key=lambda group: group.district.name
            )
        ]
        areas.append(AreaEntry(area=area_groups[0].area, districts=districts))
    return areas


def showcase_cards(*, with_description: bool = False):
    """Published showcase items with what a card shows: member's name, group, cover image."""
    detail = ("description", "description_en", "updated_at") if with_description else ()
    return (
        ShowcaseItem.objects.published()
        .select_related("member", "large_group")
        .only(
            *detail,
            "title",
            "title_en",
            "summary",
            "summary_en",
            "category",
            "published_at",
            "status",
            "member__title",
            "member__first_name",
            "member__last_name",
            "large_group__name",
        )
        .prefetch_related(
            Prefetch("images", queryset=ShowcaseImage.objects.order_by("position", "pk"))
        )
        .latest_first()
    )


def news_cards():
    return NewsItem.objects.published().latest_first().defer("body", "body_en")


@dataclass
class SearchResults:
    query: str
    news: list
    showcase: list
    news_more: bool
    showcase_more: bool

    @property
    def total(self) -> int:
        return len(self.news) + len(self.showcase)


def clean_search_query(text: str | None) -> str:
    """The text as searched: surrounding spaces dropped and the length capped."""
    return " ".join((text or "").split())[:SEARCH_MAX_LENGTH]


def search(*, query: str) -> SearchResults:
    """Published news and showcase items containing the text, in either language.

    Thai is written without spaces between words, so a word is found anywhere inside a
    sentence by substring matching (icontains), which is also case-insensitive for English on
    SQLite and PostgreSQL; LIKE wildcards in the text are escaped by Django.
    """
    news_filter = Q()
    showcase_filter = Q()
    for fragment in query.split(" "):
        news_filter &= (
            Q(title__icontains=fragment)
            | Q(title_en__icontains=fragment)
            | Q(summary__icontains=fragment)
            | Q(summary_en__icontains=fragment)
            | Q(body__icontains=fragment)
            | Q(body_en__icontains=fragment)
        )
        showcase_filter &= (
            Q(title__icontains=fragment)
            | Q(title_en__icontains=fragment)
            | Q(summary__icontains=fragment)
            | Q(summary_en__icontains=fragment)
            | Q(description__icontains=fragment)
            | Q(description_en__icontains=fragment)
            | Q(member__first_name__icontains=fragment)
            | Q(member__last_name__icontains=fragment)
        )
    # One row more than shown tells whether there are more, without a COUNT query.
    news = list(news_cards().filter(news_filter)[: SEARCH_RESULT_LIMIT + 1])
    showcase = list(showcase_cards().filter(showcase_filter)[: SEARCH_RESULT_LIMIT + 1])
    return SearchResults(
        query=query,
        news=news[:SEARCH_RESULT_LIMIT],
        showcase=showcase[:SEARCH_RESULT_LIMIT],
        news_more=len(news) > SEARCH_RESULT_LIMIT,
        showcase_more=len(showcase) > SEARCH_RESULT_LIMIT,
    )
