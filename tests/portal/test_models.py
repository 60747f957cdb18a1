"""Publication states, the two-language reading of records and the showcase's group credit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from groups import services as group_services
from portal.models import NewsItem, PublicationState, PublicationStatus, ShowcaseItem
from tests.factories import TEST_ACTOR
from tests.groups.factories import SmallGroupFactory, fill_small_group
from tests.members.factories import MemberFactory
from tests.portal.factories import NewsItemFactory, ShowcaseItemFactory, uploaded_image

pytestmark = pytest.mark.django_db


def test_published_item_is_public_from_its_publication_time():
    now = timezone.now()
    item = NewsItemFactory(published_at=now)
    assert list(NewsItem.objects.published(now=now)) == [item]
    assert item.publication_state(now=now) == PublicationState.PUBLISHED


def test_item_with_a_future_time_is_scheduled_not_public():
    now = timezone.now()
    item = NewsItemFactory(published_at=now + datetime.timedelta(seconds=1))
    assert list(NewsItem.objects.published(now=now)) == []
    assert list(NewsItem.objects.scheduled(now=now)) == [item]
    assert item.publication_state(now=now) == PublicationState.SCHEDULED


def test_draft_is_never_public_even_when_its_time_has_come():
    item = NewsItemFactory(status=PublicationStatus.DRAFT)
    assert list(NewsItem.objects.published()) == []
    assert list(NewsItem.objects.drafts()) == [item]
    assert item.publication_state() == PublicationState.DRAFT


def test_local_reads_english_on_english_pages_and_thai_otherwise():
    item = NewsItemFactory(title="ประชุมใหญ่", title_en="General meeting")
    with translation.override("en"):
        assert item.local.title == "General meeting"
        assert item.local.title_lang == "en"
    with translation.override("th"):
        assert item.local.title == "ประชุมใหญ่"
        assert item.local.title_lang == "th"


def test_local_falls_back_to_thai_when_english_is_empty():
    item = NewsItemFactory(title="ประชุมใหญ่", title_en="")
    with translation.override("en"):
        assert item.local.title == "ประชุมใหญ่"
        assert item.local.title_lang == "th"


def test_news_image_needs_a_description():
    item = NewsItemFactory.build(image=uploaded_image(), image_alt="")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "image_alt" in error.value.message_dict
    item.image_alt = "ครูกำลังสอนนักเรียน"
    item.full_clean()


def test_showcase_item_takes_the_members_current_large_group():
    small_group = SmallGroupFactory()
    member = fill_small_group(small_group, 1)[0]
    item = ShowcaseItemFactory.build(member=member, large_group=None)
    item.full_clean()
    assert item.large_group_id == small_group.large_group_id


def test_showcase_item_keeps_its_group_when_the_member_moves_later():
    small_group = SmallGroupFactory()
    member = fill_small_group(small_group, 1)[0]
    item = ShowcaseItemFactory.build(member=member, large_group=None)
    item.full_clean()
    item.save()
    membership = member.small_group_memberships.get()
    group_services.end_membership(
        actor=TEST_ACTOR, membership=membership, ended_on=datetime.date(2026, 1, 1)
    )
    item.full_clean()
    assert ShowcaseItem.objects.get(pk=item.pk).large_group_id == small_group.large_group_id


def test_showcase_item_of_a_member_without_group_has_no_group():
    item = ShowcaseItemFactory.build(member=MemberFactory(), large_group=None)
    item.full_clean()
    assert item.large_group_id is None


def test_publish_and_withdraw_change_only_what_differs():
    draft = NewsItemFactory(status=PublicationStatus.DRAFT)
    NewsItemFactory(status=PublicationStatus.PUBLISHED)
    assert NewsItem.objects.all().publish() == 1
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED
    assert NewsItem.objects.filter(pk=draft.pk).withdraw() == 1
    assert NewsItem.objects.drafts().count() == 1
