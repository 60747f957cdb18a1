"""Outstanding member work: the three categories, a list per category and a page per work."""

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from ..models import ShowcaseCategory, ShowcaseItem
from ..selectors import showcase_cards

PER_CATEGORY_ON_INDEX = 3
PER_PAGE = 9
MORE_IN_CATEGORY = 3


class ShowcaseIndexView(TemplateView):
    template_name = "portal/showcase_index.html"

    def get_context_data(self, **kwargs):
        # The newest three of every category in one query, whatever the number of items.
        ranked = showcase_cards().annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("category"),
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        latest = list(ranked.filter(rank__lte=PER_CATEGORY_ON_INDEX))
        counts = dict(
            ShowcaseItem.objects.published()
            .order_by()
            .values_list("category")
            .annotate(total=Count("pk"))
        )
        categories = [
            {
                "value": category.value,
                "label": category.label,
                "items": [item for item in latest if item.category == category.value],
                "total": counts.get(category.value, 0),
            }
            for category in ShowcaseCategory
        ]
        return super().get_context_data(categories=categories, **kwargs)


class ShowcaseCategoryView(ListView):
    template_name = "portal/showcase_category.html"
    context_object_name = "items"
    paginate_by = PER_PAGE

    def get_queryset(self):
        if self.kwargs["category"] not in ShowcaseCategory.values:
            raise Http404
        self.category = ShowcaseCategory(self.kwargs["category"])
        return showcase_cards().in_category(self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class ShowcaseDetailView(DetailView):
    template_name = "portal/showcase_detail.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        return get_object_or_404(
            showcase_cards(with_description=True),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        more = showcase_cards().in_category(self.object.category).exclude(pk=self.object.pk)
        return super().get_context_data(
            category=ShowcaseCategory(self.object.category),
            more_work=list(more[:MORE_IN_CATEGORY]),
            **kwargs,
        )
