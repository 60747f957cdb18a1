"""Factories for the public site: pages, partner links, news, showcase items and their images."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.images import store_renditions
from portal.models import (
    NewsItem,
    Page,
    PartnerLink,
    PublicationStatus,
    ShowcaseCategory,
    ShowcaseImage,
    ShowcaseItem,
)
from tests.factories import TEST_ACTOR
from tests.members.factories import MemberFactory
from tests.portal.conftest import image_bytes

# Published a day ago, so "now" in a test is safely after it.
PAST = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


def uploaded_image(name="photo.png", width=60, height=40, image_format="PNG"):
    return SimpleUploadedFile(
        name, image_bytes(width, height, image_format), content_type=f"image/{image_format.lower()}"
    )


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ("slug",)

    slug = "about"
    title = "เกี่ยวกับเรา"
    title_en = "About us"
    body = "## ความเป็นมา\nเครือข่ายก่อตั้งขึ้นเพื่อช่วยเหลือครู"
    body_en = "## History\nThe network was founded to help teachers."


class PartnerLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerLink

    name = factory.Sequence(lambda n: f"สำนักงานเขตพื้นที่การศึกษาทดสอบ {n}")
    short_name = factory.Sequence(lambda n: f"สพท. {n}")
    url = factory.Sequence(lambda n: f"https://office{n}.example.go.th/")
    position = factory.Sequence(lambda n: n)


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"ข่าวทดสอบที่ {n}")
    title_en = factory.Sequence(lambda n: f"Test news {n}")
    summary = "สรุปข่าวสั้น ๆ สำหรับรายการข่าว"
    summary_en = "A short summary for the news list."
    body = "เนื้อหาข่าวสำหรับการทดสอบ"
    status = PublicationStatus.PUBLISHED
    published_at = PAST

    class Params:
        with_image = factory.Trait(image=factory.LazyFunction(uploaded_image), image_alt="ภาพทดสอบ")

    @factory.post_generation
    def renditions(obj, create, extracted, **kwargs):
        if create and obj.image:
            store_renditions(instance=obj)


class ShowcaseItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShowcaseItem

    title = factory.Sequence(lambda n: f"ผลงานทดสอบที่ {n}")
    title_en = factory.Sequence(lambda n: f"Test work {n}")
    category = ShowcaseCategory.INCOME
    member = factory.SubFactory(MemberFactory)
    summary = "สรุปผลงานสั้น ๆ"
    summary_en = "A short summary of the work."
    description = "รายละเอียดผลงานสำหรับการทดสอบ"
    status = PublicationStatus.PUBLISHED
    published_at = PAST


class ShowcaseImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShowcaseImage
        skip_postgeneration_save = True

    item = factory.SubFactory(ShowcaseItemFactory)
    image = factory.LazyFunction(uploaded_image)
    image_alt = "ภาพผลงานทดสอบ"
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def renditions(obj, create, extracted, **kwargs):
        if create:
            store_renditions(instance=obj)


class Site:
    """A whole public site's worth of data, `size` of each kind, for page and query-count tests."""

    def __init__(self, size: int):
        from groups import services as group_services
        from groups.models import Position
        from tests.groups.factories import CommitteeSeatFactory, LargeGroupFactory
        from tests.networks.factories import AreaFactory, DistrictFactory, ProvinceFactory

        def seat(owner, position, number):
            member = MemberFactory(
                first_name=f"กรรมการ{number}",
                phone=f"08{number:08d}",
                email=f"committee{number}@example.com",
            )
            self.people.append(member)
            return CommitteeSeatFactory(
                committee=group_services.committee_for(actor=TEST_ACTOR, owner=owner),
                member=member,
                position=position,
                term_start=datetime.date(2024, 1, 1),
                term_end=None,
            )

        self.people = []
        counter = iter(range(1, 10_000))
        self.province = ProvinceFactory()
        self.areas = [AreaFactory(parent=self.province) for _ in range(2)]
        for network in [self.province, *self.areas]:
            seat(network, Position.CHAIR, next(counter))
            seat(network, Position.SECRETARY, next(counter))
        self.large_groups = []
        for index in range(size):
            area = self.areas[index % 2]
            district = DistrictFactory(province=self.province)
            group = LargeGroupFactory(area=area, district=district)
            seat(group, Position.CHAIR, next(counter))
            seat(group, Position.TREASURER, next(counter))
            self.large_groups.append(group)
        self.pages = [
            PageFactory(slug="about"),
            PageFactory(slug="services", title="บริการสมาชิก", title_en="Member services"),
        ]
        self.partner_links = PartnerLinkFactory.create_batch(size)
        self.news = [NewsItemFactory(with_image=True) for _ in range(size)]
        self.showcase = []
        categories = list(ShowcaseCategory)
        for index in range(size):
            owner = MemberFactory(phone=f"09{index:08d}", email=f"owner{index}@example.com")
            self.people.append(owner)
            item = ShowcaseItemFactory(
                member=owner, category=categories[(index // 2) % 3], is_featured=True
            )
            ShowcaseImageFactory.create_batch(2, item=item)
            self.showcase.append(item)

    def public_urls(self) -> list[str]:
        """Every public page of this data, in Thai (unprefixed)."""
        from django.urls import reverse

        urls = [
            reverse("portal:home"),
            reverse("portal:about"),
            reverse("portal:services"),
            reverse("portal:news_list"),
            reverse("portal:news_detail", args=[self.news[0].pk]),
            reverse("portal:news_feed"),
            reverse("portal:news_atom"),
            reverse("portal:showcase_index"),
            reverse("portal:showcase_detail", args=[self.showcase[0].pk]),
            reverse("portal:committee_index"),
            reverse("portal:large_groups"),
            reverse("portal:search") + "?q=" + "ทดสอบ",
            reverse("sitemap"),
            reverse("robots_txt"),
        ]
        urls += [reverse("portal:showcase_category", args=[c]) for c in ShowcaseCategory.values]
        urls += [
            reverse("portal:network_committee", args=[network.pk])
            for network in [self.province, *self.areas]
        ]
        return urls
