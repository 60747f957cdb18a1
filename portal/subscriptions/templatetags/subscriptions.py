"""The signup box for the public pages: {% load subscriptions %}{% subscription_box %}."""

from django import template

from ..forms import CONSENT_TEXT, SubscribeForm

register = template.Library()


@register.inclusion_tag("subscriptions/box.html", takes_context=True)
def subscription_box(context):
    return {
        "form": SubscribeForm(auto_id="subscription-box-%s"),
        "consent_text": CONSENT_TEXT,
        "csrf_token": context.get("csrf_token"),
    }
