"""Factories for news items to send and for subscribers in each state."""

import datetime

import factory
from django.utils import timezone

from portal.models import NewsItem, PublicationStatus
from portal.subscriptions.models import Subscriber, SubscriberStatus


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"ประชุมใหญ่สามัญประจำปี ครั้งที่ {n}")
    title_en = factory.Sequence(lambda n: f"Annual general meeting no. {n}")
    summary = "เชิญสมาชิกร่วมประชุมใหญ่สามัญประจำปีที่หอประชุมจังหวัด"
    summary_en = "Members are invited to the annual general meeting at the provincial hall."
    body = "รายละเอียดการประชุม"
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber; pass status= for the others."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    language = "th"
    status = SubscriberStatus.CONFIRMED
    consent_text = "ข้อความขอความยินยอม"
    confirmed_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == SubscriberStatus.CONFIRMED else None
    )
