"""The news list, one page per item, and the news feeds."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from ..models import NewsItem
from ..selectors import news_cards

NEWS_PER_PAGE = 9
OTHER_NEWS = 3


class NewsListView(ListView):
    template_name = "portal/news_list.html"
    context_object_name = "news"
    paginate_by = NEWS_PER_PAGE

    def get_queryset(self):
        return news_cards()


class NewsDetailView(DetailView):
    template_name = "portal/news_detail.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        return get_object_or_404(NewsItem.objects.published(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        others = news_cards().exclude(pk=self.object.pk)[:OTHER_NEWS]
        return super().get_context_data(other_news=list(others), **kwargs)
