"""The member change list at any size: a fixed number of queries whatever the members, no count
of the whole table, orderings an index serves, and the search with titles."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse

from groups.admin.members import RosterMemberAdmin
from members.models import Member, MemberStatus, Title
from tests.members.factories import MemberFactory, PayUnitFactory, dashed

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:members_member_changelist"


def shown(response) -> list[Member]:
    return list(response.context["cl"].result_list)


@pytest.fixture
def area_members():
    """Members in two areas, so the area filter leaves some out."""

    def make(count):
        units = [PayUnitFactory(), PayUnitFactory()]
        members = [MemberFactory(pay_unit=units[index % 2]) for index in range(count)]
        return units[0].area, members

    return make


# Session and user; the choices of the area and district filters (one query each, whatever the
# number of areas: core's RelatedWithRowsFilter asks each choice in a column); the span of
# joining years; one count of at most eleven pages (never the whole table: no "N total"); the
# page, with pay units joined and the current group as a subquery.
LIST_QUERIES = 7


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    "params",
    [
        {},
        "area",
        {"status__exact": MemberStatus.ACTIVE},
        {"q": "ดารั"},
        {"q": "นางสาวสุดารัตน์ ใจดี"},
        "national_id",
        {"o": "5"},
    ],
    ids=["unfiltered", "area", "status", "fragment", "title", "national_id", "sorted"],
)
def test_the_member_list_costs_the_same_queries_at_any_size(
    admin_client, django_assert_num_queries, area_members, count, params
):
    area, members = area_members(count)
    if params == "area":
        params = {"pay_unit__area__id__exact": area.pk}
    elif params == "national_id":
        params = {"q": dashed(members[-1].national_id)}

    with django_assert_num_queries(LIST_QUERIES):
        response = admin_client.get(reverse(CHANGELIST), params)

    assert response.status_code == 200


def test_a_list_longer_than_the_pages_counted_says_there_are_more(
    admin_client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(RosterMemberAdmin, "list_per_page", 2)
    MemberFactory.create_batch(30, pay_unit=PayUnitFactory())
    # Filtered, so never the planner's estimate of the whole table (tests/core/test_paginator).
    params = {"p": "3", "status__exact": MemberStatus.ACTIVE}

    with django_assert_num_queries(LIST_QUERIES):
        response = admin_client.get(reverse(CHANGELIST), params)

    page = response.content.decode()
    # Eleven pages of two past the third, and one row more: 27 > 26 counted.
    assert "มากกว่า 26 สมาชิก" in page
    # The last page counted, then "…": no last page of the list to link to.
    assert re.search(r">14</a>\s*…", page)
    assert response.context["cl"].paginator.num_pages == 14
    assert response.context["cl"].full_result_count is None
    assert len(shown(response)) == 2


def test_the_whole_list_past_the_pages_counted_is_never_counted_whole(
    admin_client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(RosterMemberAdmin, "list_per_page", 2)
    MemberFactory.create_batch(30, pay_unit=PayUnitFactory())

    # One query more on PostgreSQL: the planner's estimate of the table's rows, read when the
    # rows go past the pages counted (shown when it is past them too: "ประมาณ …").
    with django_assert_num_queries(LIST_QUERIES + (connection.vendor == "postgresql")):
        response = admin_client.get(reverse(CHANGELIST), {"p": "3"})

    paginator = response.context["cl"].paginator
    assert not paginator.count_is_exact
    assert paginator.num_pages == 14
    assert paginator.count_label in response.content.decode()


def test_a_search_with_more_results_than_counted_says_so(admin_client, monkeypatch):
    monkeypatch.setattr(RosterMemberAdmin, "list_per_page", 1)
    MemberFactory.create_batch(13, pay_unit=PayUnitFactory(), first_name="มาลี")

    page = admin_client.get(reverse(CHANGELIST), {"q": "มาลี"}).content.decode()

    assert "พบ มากกว่า 11 รายการ" in page


def test_a_short_list_shows_its_exact_count(admin_client):
    MemberFactory.create_batch(3, pay_unit=PayUnitFactory())

    page = admin_client.get(reverse(CHANGELIST)).content.decode()

    assert "3 สมาชิก" in page


def test_a_sorted_column_breaks_ties_by_id_in_its_own_direction(admin_client):
    unit = PayUnitFactory()
    members = [MemberFactory(pay_unit=unit, status=MemberStatus.ACTIVE) for _ in range(3)]
    # "สถานะ" is the fifth column.
    ascending = admin_client.get(reverse(CHANGELIST), {"o": "5"})
    descending = admin_client.get(reverse(CHANGELIST), {"o": "-5"})

    assert ascending.context["cl"].queryset.query.order_by == ("status", "pk")
    assert shown(ascending) == members
    assert descending.context["cl"].queryset.query.order_by == ("-status", "-pk")
    assert shown(descending) == members[::-1]


def test_the_name_column_sorts_as_the_list_does_both_ways(admin_client):
    order = admin_client.get(reverse(CHANGELIST), {"o": "-2"}).context["cl"].queryset.query
    assert order.order_by == ("-first_name", "-last_name", "-member_number")


def test_the_current_group_column_is_not_sortable():
    # A subquery per member: no index can hold its order.
    assert not hasattr(RosterMemberAdmin.current_group, "admin_order_field")


def test_search_results_are_in_name_order(admin_client):
    unit = PayUnitFactory()
    later = MemberFactory(pay_unit=unit, first_name="สุดารัตน์", last_name="ใจดี")
    first = MemberFactory(pay_unit=unit, first_name="ธิดารัตน์", last_name="ใจดี")

    response = admin_client.get(reverse(CHANGELIST), {"q": "ดารั"})

    assert shown(response) == [first, later]


def test_search_results_are_in_thai_dictionary_order(admin_client):
    # By code point สมศรี (ส, U+0E2A) comes before เมธา (เ, U+0E40); in Thai order เมธา sorts
    # under ม, before ส: the search's sort keeps the names' collation (core.thai).
    unit = PayUnitFactory()
    somsri = MemberFactory(pay_unit=unit, first_name="สมศรี", last_name="ใจดี")
    metha = MemberFactory(pay_unit=unit, first_name="เมธา", last_name="ใจดี")

    assert search(admin_client, "ใจดี") == [metha, somsri]


def test_the_joining_year_filter_reads_in_the_buddhist_era(admin_client):
    unit = PayUnitFactory()
    old = MemberFactory(pay_unit=unit, joined_on=datetime.date(2019, 5, 1))
    new = MemberFactory(pay_unit=unit, joined_on=datetime.date(2024, 11, 25))

    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    filtered = admin_client.get(reverse(CHANGELIST), {"joined_year": "2024"})

    assert "?joined_year=2024" in page and ">2567</a>" in page and ">2562</a>" in page
    assert shown(filtered) == [new]
    assert old not in shown(filtered)


@pytest.mark.parametrize("value", ["abc", "99999999999", "0"])
def test_a_hand_edited_joining_year_shows_the_whole_list(admin_client, value):
    MemberFactory(pay_unit=PayUnitFactory())

    response = admin_client.get(reverse(CHANGELIST), {"joined_year": value})

    assert response.status_code == 200
    assert len(shown(response)) == 1


def test_the_area_filter_lists_only_areas_with_members(admin_client):
    with_members = [PayUnitFactory(), PayUnitFactory()]
    for unit in with_members:
        MemberFactory(pay_unit=unit)
    empty = PayUnitFactory()

    page = admin_client.get(reverse(CHANGELIST)).content.decode()

    for unit in with_members:
        assert f"pay_unit__area__id__exact={unit.area.pk}" in page
    assert f"pay_unit__area__id__exact={empty.area.pk}" not in page


# The search box, through the admin.


@pytest.fixture
def sudarats():
    unit = PayUnitFactory()
    return {
        "miss": MemberFactory(
            pay_unit=unit, title=Title.MISS, first_name="สุดารัตน์", last_name="ใจดี"
        ),
        "mrs": MemberFactory(pay_unit=unit, title=Title.MRS, first_name="สุดารัตน์", last_name="ใจดี"),
        "miss_elsewhere": MemberFactory(
            pay_unit=unit, title=Title.MISS, first_name="สุดารัตน์", last_name="ศรีสุข"
        ),
    }


def search(client, text) -> list[Member]:
    return shown(client.get(reverse(CHANGELIST), {"q": text}))


def test_a_name_typed_with_its_title_finds_that_title_only(admin_client, sudarats):
    found = search(admin_client, "นางสาวสุดารัตน์")

    assert sudarats["miss"] in found and sudarats["miss_elsewhere"] in found
    assert sudarats["mrs"] not in found


def test_a_mrs_is_found_by_her_title_and_not_a_miss(admin_client, sudarats):
    # "นาง" starts "นางสาว": the longer title is tried first, so this is Mrs.
    assert search(admin_client, "นางสุดารัตน์") == [sudarats["mrs"]]


def test_title_first_and_last_name_find_one_member(admin_client, sudarats):
    assert search(admin_client, "นางสาวสุดารัตน์ ใจดี") == [sudarats["miss"]]
    assert search(admin_client, "นางสาว สุดารัตน์ ใจดี") == [sudarats["miss"]]


def test_a_name_without_title_finds_every_title(admin_client, sudarats):
    assert set(search(admin_client, "สุดารัตน์ ใจดี")) == {sudarats["miss"], sudarats["mrs"]}


def test_a_name_that_starts_like_a_title_is_still_found(admin_client):
    nangnuan = MemberFactory(title=Title.MISS, first_name="นางนวล", last_name="ทองดี")

    assert search(admin_client, "นางนวล") == [nangnuan]


def test_the_national_id_is_found_typed_as_on_the_card(admin_client, sudarats):
    member = sudarats["mrs"]

    assert search(admin_client, dashed(member.national_id)) == [member]
    assert search(admin_client, member.national_id) == [member]
    assert search(admin_client, dashed(member.national_id)[:6]) != []


def test_a_member_number_is_found_from_its_start_in_either_case(admin_client):
    member = MemberFactory(member_number="KPP01234")
    MemberFactory(member_number="KPP09999")

    assert search(admin_client, "kpp0123") == [member]


@pytest.mark.postgres
def test_on_postgresql_a_name_fragment_reads_the_trigram_indexes():
    MemberFactory.create_batch(3, pay_unit=PayUnitFactory())
    with connection.cursor() as cursor:
        # A tiny table is read whole whatever its indexes, or walked in an index's order: ask
        # for the plan the search's conditions allow.
        cursor.execute("ANALYZE members_member")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")

    # Unsorted: the list's page sorts the matches by an expression (MemberChangeList).
    plan = Member.objects.search("ดารั").order_by().explain()

    assert "member_first_name_trgm_idx" in plan
    assert "member_last_name_trgm_idx" in plan


@pytest.mark.postgres
def test_on_postgresql_thai_names_have_trigrams_split_at_tone_marks():
    # The test databases' ctype is C.UTF-8 (docs/members.md): vowel marks above and below a
    # consonant are letters, tone marks and the thanthakhat are not, so สุดารัตน์ is the word
    # สุดารัตน (9 trigrams with its padding) and แก้ว the words แก and ว.
    with connection.cursor() as cursor:
        cursor.execute("SELECT array_length(show_trgm('สุดารัตน์'), 1), show_trgm('แก้ว')")
        count, split = cursor.fetchone()
    assert count == 9
    assert len(split) == 5  # "  แ", " แก", "แก ", "  ว", " ว "
