"""core.paginator: pages of a big table without counting all of it, on SQLite and PostgreSQL."""

import pytest
from django.db import connection

from core.paginator import LargeTablePaginator
from members.models import Member
from tests.members.factories import MemberFactory, PayUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    pay_unit = PayUnitFactory()
    return MemberFactory.create_batch(12, pay_unit=pay_unit)


def paginator(current_page=1, look_ahead=1, queryset=None):
    queryset = Member.objects.order_by("pk") if queryset is None else queryset
    return LargeTablePaginator(queryset, 2, current_page=current_page, look_ahead=look_ahead)


def test_a_list_that_ends_within_the_look_ahead_is_counted_exactly(members):
    pages = paginator(look_ahead=10)

    assert pages.count == 12
    assert pages.count_is_exact
    assert pages.count_label == ""
    assert pages.num_pages == 6
    assert list(pages.get_elided_page_range(1)) == [1, 2, 3, 4, 5, 6]


def test_a_longer_list_is_counted_only_up_to_the_look_ahead(members, django_assert_num_queries):
    pages = paginator(current_page=1, look_ahead=1)

    # One count, of at most five rows (two pages of two past the first, and one more).
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 1):
        assert pages.count == 5
    assert not pages.count_is_exact
    assert pages.count_label == "มากกว่า 4"
    # The pages known to hold rows, then "…": there are more.
    assert pages.num_pages == 3
    assert list(pages.get_elided_page_range(1)) == [1, 2, 3, pages.ELLIPSIS]


def test_the_last_page_counted_is_a_whole_page(members):
    pages = paginator(current_page=1, look_ahead=1)

    # Five rows counted, but the third page is not cut at the fifth row.
    assert [member.pk for member in pages.page(3)] == [members[4].pk, members[5].pk]


def test_the_count_reaches_past_the_page_shown(members):
    pages = paginator(current_page=4, look_ahead=1)

    assert pages.count == 11
    assert pages.num_pages == 6
    assert [member.pk for member in pages.page(5)] == [members[8].pk, members[9].pk]


def test_a_page_past_the_rows_counted_is_refused(members):
    from django.core.paginator import EmptyPage

    with pytest.raises(EmptyPage):
        paginator(current_page=1, look_ahead=1).page(4)


def test_a_page_number_that_is_not_a_number_counts_from_the_first_page(members):
    assert paginator(current_page="abc").current_page == 1


def test_a_filtered_list_is_never_estimated(members):
    pages = paginator(queryset=Member.objects.filter(pk__gt=0).order_by("pk"))

    assert pages.count == 5
    assert not pages.count_is_estimate


@pytest.mark.postgres
def test_on_postgresql_a_whole_table_past_the_look_ahead_reads_the_planners_estimate(members):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE members_member")
    pages = paginator()

    assert pages.count == 12
    assert pages.count_is_estimate
    assert pages.count_label == "ประมาณ 12"
    # Still only the pages counted.
    assert pages.num_pages == 3
