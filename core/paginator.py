"""Pages of big tables: a paginator that never counts a whole table, and the admin mixin that uses it.

Django's change list counts its rows on every page load (`SELECT COUNT(*)`, twice when
`show_full_result_count` is on): a sequential scan of the table, 100 ms and more at a million
members, whatever the page shows. `LargeTablePaginator` counts at most a few pages past the one
asked for; beyond that it knows only that there are more (or, for a whole table on PostgreSQL,
the planner's estimate of its rows), and says so: "มากกว่า 1,100", "ประมาณ 1,000,000".
"""

import math

from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext

# Pages counted past the one shown: the page links reach that far, and "…" says there are more.
LOOK_AHEAD_PAGES = 10


class LargeTablePaginator(Paginator):
    """Counts the rows of at most `look_ahead` pages past `current_page`, never the whole table.

    `count` is exact when the rows end within that reach (`count_is_exact`); otherwise it is a
    lower bound (the rows counted, one more than the reach), or for an unfiltered table on
    PostgreSQL the planner's estimate (`pg_class.reltuples`, kept by ANALYZE and autovacuum),
    and `count_label` says which. The pages are those counted: `num_pages` ends at the reach,
    and `get_elided_page_range` ends with "…" when there are more.
    """

    def __init__(self, *args, current_page=1, look_ahead=LOOK_AHEAD_PAGES, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            self.current_page = max(1, int(current_page))
        except (TypeError, ValueError):
            self.current_page = 1
        self.look_ahead = look_ahead
        self.count_is_exact = True
        self.count_is_estimate = False

    @property
    def reach(self) -> int:
        """The rows counted at most: up to the end of the look-ahead's last page."""
        return (self.current_page + self.look_ahead) * self.per_page

    @cached_property
    def count(self) -> int:
        counted = self._count_up_to(self.reach + 1)
        self._rows_known = counted
        if counted <= self.reach:
            return counted
        self.count_is_exact = False
        estimate = self._estimated_table_rows()
        if estimate is not None and estimate > self.reach:
            self.count_is_estimate = True
            return estimate
        return counted

    @cached_property
    def num_pages(self) -> int:
        count = self.count  # sets _rows_known
        if count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self._rows_known - self.orphans)
        return math.ceil(hits / self.per_page)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        # Django's page ends at the count; a count that is a bound or an estimate is no end.
        if self.count_is_exact and top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.object_list[bottom:top], number, self)

    def get_elided_page_range(self, number=1, *, on_each_side=3, on_ends=2):
        pages = list(
            super().get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends)
        )
        if not self.count_is_exact:
            # More rows than counted: no last page to link to, only that there are more.
            pages.append(self.ELLIPSIS)
        return pages

    @property
    def count_label(self) -> str:
        """The count as people read it; empty when exact, so a template shows the number."""
        self.count  # noqa: B018 (counting sets count_is_exact and count_is_estimate)
        if self.count_is_exact:
            return ""
        if self.count_is_estimate:
            return gettext("ประมาณ %(count)s") % {
                "count": number_format(self.count, force_grouping=True)
            }
        return gettext("มากกว่า %(count)s") % {
            "count": number_format(self.reach, force_grouping=True)
        }

    def _count_up_to(self, limit: int) -> int:
        # COUNT(*) over a LIMITed subquery: the database stops reading at the limit. Ordering
        # is dropped; it changes nothing a count sees.
        # Only the key is read: the list's computed columns (subqueries) would run per row.
        object_list = self.object_list
        if hasattr(object_list, "order_by"):
            return object_list.order_by().values("pk")[:limit].count()
        return min(len(object_list), limit)

    def _estimated_table_rows(self) -> int | None:
        """The planner's row estimate of the whole table, when the list is the whole table on
        PostgreSQL; None otherwise (filtered, not a queryset, or never analysed)."""
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is None or query.where or query.distinct or query.combinator or query.is_sliced:
            return None
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [connection.ops.quote_name(queryset.model._meta.db_table)],
            )
            row = cursor.fetchone()
        # -1 (PostgreSQL 14+) or 0 until the table's first ANALYZE: count it.
        return row[0] if row and row[0] > 0 else None


class LargeTableChangeList(ChangeList):
    """A change list whose every ordering an index can serve.

    Django sorts a chosen column, then by the admin's whole ordering ("status, first_name,
    last_name, member_number"), or by `-pk` whatever the column's direction: either needs an
    index per column and direction, or PostgreSQL sorts the whole table (1.2 s at a million
    members). Here a chosen column is followed by the primary key in the column's direction
    ("status, id" or "-status, -id"), which one index on (column, id) serves both ways; a column
    that starts the admin's ordering (the name) continues with that ordering, as the unsorted
    list does.
    """

    def get_ordering(self, request, queryset):
        if ORDER_VAR not in self.params:
            return super().get_ordering(request, queryset)
        # The chosen columns alone (the queryset's own ordering left out), and Django's "-pk"
        # when they do not order the rows completely.
        chosen = super().get_ordering(request, queryset.order_by())
        complete = not (chosen and chosen[-1] == "-pk")
        if not complete:
            chosen = chosen[:-1]
        if not chosen or not all(isinstance(part, str) for part in chosen):
            return super().get_ordering(request, queryset)
        descending = chosen[-1].startswith("-")
        default = [
            part for part in self.model_admin.get_ordering(request) or [] if isinstance(part, str)
        ]
        if descending:
            default = [part[1:] if part.startswith("-") else f"-{part}" for part in default]
        if len(default) > len(chosen) and default[: len(chosen)] == chosen:
            return default
        if complete:
            return chosen
        return [*chosen, "-pk" if descending else "pk"]


class LargeTableAdmin:
    """For the admin of a table that grows to millions of rows: no count of the whole table
    on a page load (the "N total" beside a search goes too) and an index-friendly ordering."""

    paginator = LargeTablePaginator
    show_full_result_count = False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        return self.paginator(
            queryset,
            per_page,
            orphans,
            allow_empty_first_page,
            # The change list's page (p), or the picker's (page: the autocomplete view's).
            current_page=request.GET.get(PAGE_VAR) or request.GET.get("page") or 1,
        )

    def get_changelist(self, request, **kwargs):
        return LargeTableChangeList
