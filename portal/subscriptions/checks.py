"""System checks of the news-by-e-mail settings that would otherwise fail only while sending."""

from django.core import checks

from .conf import DeliveryPolicy


@checks.register()
def check_delivery_policy(app_configs=None, **kwargs):
    policy = DeliveryPolicy.current()
    errors = []
    if policy.lease.total_seconds() <= 2 * policy.smtp_timeout:
        # A run sends only while its claim has an SMTP timeout left; a shorter lease could let
        # a second run take over rows the first one is still sending.
        errors.append(
            checks.Error(
                "NEWSLETTER_LEASE_SECONDS must be more than twice NEWSLETTER_SMTP_TIMEOUT.",
                hint="Raise NEWSLETTER_LEASE_SECONDS (default 300) or lower NEWSLETTER_SMTP_TIMEOUT.",
                id="subscriptions.E001",
            )
        )
    if policy.batch_size < 1 or policy.max_attempts < 1:
        errors.append(
            checks.Error(
                "NEWSLETTER_BATCH_SIZE and NEWSLETTER_MAX_ATTEMPTS must be at least 1.",
                id="subscriptions.E002",
            )
        )
    return errors
