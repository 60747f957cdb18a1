"""The mails themselves: confirmation, "already subscribed" and news, in the reader's language."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .conf import absolute_url, from_email, mail_domain, setting
from .models import Delivery, Mailing, Subscriber
from .tokens import confirmation_token, unsubscribe_token


def _site_name() -> str:
    return _("เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร")


def unsubscribe_url(subscriber: Subscriber) -> str:
    with translation.override(subscriber.language):
        return absolute_url(
            reverse("subscriptions:unsubscribe", args=[unsubscribe_token(subscriber.pk)])
        )


def list_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs offer a one-click "unsubscribe" that POSTs here."""
    return {
        "List-Id": f"<news.{mail_domain()}>",
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _message(
    *, template: str, context: dict, subject: str, to: str, headers=None, connection=None
) -> EmailMultiAlternatives:
    text = render_to_string(f"subscriptions/mail/{template}.txt", context)
    html = render_to_string(f"subscriptions/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email(),
        to=[to],
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The double opt-in mail. It carries no text the visitor typed (not even the name), so the
    signup form cannot be used to send someone else a message of the visitor's choosing."""
    with translation.override(subscriber.language):
        context = {
            "site_name": _site_name(),
            "confirm_url": absolute_url(
                reverse("subscriptions:confirm", args=[confirmation_token(subscriber.pk)])
            ),
            "valid_days": max(int(setting("CONFIRM_MAX_AGE")) // 86400, 1),
            "language": subscriber.language,
        }
        subject = _("ยืนยันการรับข่าวทางอีเมลจาก %(site)s") % {"site": context["site_name"]}
        return _message(template="confirm", context=context, subject=subject, to=subscriber.email)


def already_subscribed_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    """Sent instead of a confirmation when a confirmed address signs up again: the page said
    "check your mailbox", so the owner finds an answer there, and nobody else learns anything."""
    with translation.override(subscriber.language):
        context = {
            "site_name": _site_name(),
            "unsubscribe_url": unsubscribe_url(subscriber),
            "language": subscriber.language,
        }
        subject = _("คุณรับข่าวทางอีเมลจาก %(site)s อยู่แล้ว") % {"site": context["site_name"]}
        return _message(
            template="already_subscribed",
            context=context,
            subject=subject,
            to=subscriber.email,
            headers=list_headers(subscriber),
        )


def news_message(
    *, mailing: Mailing, delivery: Delivery, subscriber: Subscriber, connection=None
) -> EmailMultiAlternatives:
    language = subscriber.language
    with translation.override(language):
        context = {
            "site_name": _site_name(),
            "site_url": absolute_url(reverse("portal:home")),
            "title": mailing.title_in(language),
            "summary": mailing.summary_in(language),
            "news_url": absolute_url(mailing.path_in(language)),
            "unsubscribe_url": unsubscribe_url(subscriber),
            "language": language,
        }
        headers = {"Message-ID": delivery.message_id, **list_headers(subscriber)}
        return _message(
            template="news",
            context=context,
            subject=context["title"],
            to=subscriber.email,
            headers=headers,
            connection=connection,
        )
