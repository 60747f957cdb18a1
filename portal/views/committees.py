"""Committees from the roster: the province's, each area network's and the large groups'."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from groups.models import LargeGroup
from networks.models import Level, Network

from ..selectors import (
    committee_label,
    committee_networks,
    large_groups_network,
    network_committee,
)


class CommitteeIndexView(TemplateView):
    template_name = "portal/committee_index.html"

    def get_context_data(self, **kwargs):
        networks = [(network, committee_label(network)) for network in committee_networks()]
        return super().get_context_data(networks=networks, **kwargs)


class NetworkCommitteeView(TemplateView):
    template_name = "portal/committee_network.html"

    def get_context_data(self, **kwargs):
        network = get_object_or_404(
            Network.objects.filter(level__in=[Level.PROVINCE, Level.AREA]), pk=self.kwargs["pk"]
        )
        if network.level == Level.AREA:
            members = LargeGroup.objects.filter(area=network).select_related("district")
            members = members.order_by("district__name", "number")
        else:
            members = Network.objects.areas().filter(parent=network).order_by("name")
        return super().get_context_data(
            network=network,
            title=committee_label(network),
            is_province=network.level == Level.PROVINCE,
            seats=network_committee(network=network, on=timezone.localdate()),
            members=list(members),
            **kwargs,
        )


class LargeGroupsView(TemplateView):
    template_name = "portal/committee_large_groups.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            areas=large_groups_network(on=timezone.localdate()), **kwargs
        )
