"""The public pages of the news by e-mail: signup, "check your mail", confirm, unsubscribe."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .conf import setting
from .forms import CONSENT_TEXT, SubscribeForm
from .models import SubscriberStatus
from .ratelimit import allow_signup, client_ip

# A link that can never work (tampered, cut) is a bad request; one that worked once is gone.
LINK_PROBLEM_STATUS = {"token_invalid": 400, "token_expired": 410, "link_withdrawn": 410}


@require_http_methods(["GET", "POST"])
def signup_view(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if not allow_signup(ip=client_ip(request), email=request.POST.get("email", "")):
            context = {"form": form, "consent_text": CONSENT_TEXT, "rate_limited": True}
            return render(request, "subscriptions/signup.html", context, status=429)
        if form.is_valid():
            # A robot gets the same answer as a person, and nothing is recorded or sent.
            if not form.is_robot:
                try:
                    services.subscribe(
                        email=form.cleaned_data["email"],
                        name=form.cleaned_data["name"],
                        language=form.cleaned_data["language"],
                        consent_text=str(CONSENT_TEXT),
                    )
                except ValidationError as error:
                    form.add_error("email", error)
            if form.is_valid():
                return redirect("subscriptions:signup_done")
    return render(
        request, "subscriptions/signup.html", {"form": form, "consent_text": CONSENT_TEXT}
    )


def signup_done_view(request):
    valid_days = max(int(setting("CONFIRM_MAX_AGE")) // 86400, 1)
    return render(request, "subscriptions/signup_done.html", {"valid_days": valid_days})


def _link_problem(request, error: ValidationError):
    return render(
        request,
        "subscriptions/link_problem.html",
        {"message": error.messages[0], "code": error.code},
        status=LINK_PROBLEM_STATUS.get(error.code, 400),
    )


# The signed token in the address is the credential, as for one-click unsubscribe; a CSRF
# cookie would add nothing and fails where mail programs open links in a fresh browser.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    """GET asks, POST confirms: link scanners that open every link must not subscribe anyone."""
    try:
        if request.method == "POST":
            outcome = services.confirm_subscription(token=token)
            already = outcome is services.Confirmation.ALREADY_CONFIRMED
            return render(request, "subscriptions/confirmed.html", {"already": already})
        subscriber = selectors.subscriber_for_confirmation(token)
    except ValidationError as error:
        return _link_problem(request, error)
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return render(request, "subscriptions/confirmed.html", {"already": True})
    return render(request, "subscriptions/confirm.html", {"email": subscriber.email})


# RFC 8058: mail programs POST "List-Unsubscribe=One-Click" here with no cookies and no login.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """GET shows a button, POST unsubscribes: a scanner opening the link unsubscribes nobody."""
    try:
        if request.method == "POST":
            subscriber = services.unsubscribe(token=token)
            return render(request, "subscriptions/unsubscribed.html", {"subscriber": subscriber})
        subscriber = selectors.subscriber_for_unsubscribe(token)
    except ValidationError as error:
        return _link_problem(request, error)
    if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return render(request, "subscriptions/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "subscriptions/unsubscribe.html", {"email": subscriber.email})
