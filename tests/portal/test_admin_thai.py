"""The admin is Thai all through: Django's own admin, auth and validation messages, and its JS.

Django's Thai catalogs leave many strings in English; locale/th/LC_MESSAGES/django.po and
djangojs.po fill them in. These tests read every message of Django's English catalogs for the
admin and auth and ask for it in Thai with the project's catalogs loaded.
"""

import ast
import gettext
import json
import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation.trans_real import DjangoTranslation

from networks.models import District
from tests.networks.factories import DistrictFactory, ProvinceFactory

DJANGO_DIR = Path(django.__file__).parent
THAI_CATALOG = Path(settings.BASE_DIR) / "locale" / "th" / "LC_MESSAGES"

# Admin and auth messages that are right as they are in Thai.
SAME_IN_THAI = {
    # contrib/admin: nothing but placeholders ("<class name> <object>").
    "%(class_name)s %(instance)s",
}
# Latin words a Thai message may keep: names of products, keys, settings and formats.
LATIN_WORDS_ALLOWED = {
    "Django", "LogEntry", "Control", "Command", "Mac", "OK", "Single", "Sign", "On", "LDAP",
    "CSRF", "DEBUG", "True", "False", "None", "JSON", "UUID", "IPv", "ManagementForm", "slug",
    "null", "last", "allow_empty", "same", "origin",
    # Date and time formats quoted in messages (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]).
    "YYYY", "MM", "DD", "HH", "ss", "uuuuuu", "TZ",
}  # fmt: skip

# Django core (conf/locale) messages an officer or a visitor can meet; each must read Thai.
# Plural messages are (singular, plural); a message with a context is a dict.
CONF_MESSAGES = [
    "That page contains no results",
    "Enter a valid domain name.",
    "Enter a valid integer.",
    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
    "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens.",
    "Enter a valid %(protocol)s address.",
    "IPv4 or IPv6",
    "Ensure this value is a multiple of step size %(limit_value)s.",
    "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, "
    "e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on.",
    (
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ),
    (
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    (
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
    ),
    (
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
    ),
    (
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
    ),
    "File extension “%(extension)s” is not allowed. Allowed extensions are: "
    "%(allowed_extensions)s.",
    "Null characters are not allowed.",
    "%(model_name)s with this %(field_labels)s already exists.",
    "%(model_name)s with this %(field_label)s already exists.",
    "Constraint “%(name)s” is violated.",
    "Value %(value)r is not a valid choice.",
    "%(model)s instance with %(field)s %(value)r is not a valid choice.",
    "%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s.",
    "“%(value)s” value must be either True or False.",
    "“%(value)s” value must be either True, False, or None.",
    "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.",
    "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
    "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] "
    "format.",
    "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an "
    "invalid date/time.",
    "“%(value)s” value must be a decimal number.",
    "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format.",
    "“%(value)s” value must be a float.",
    "“%(value)s” value must be an integer.",
    "“%(value)s” value must be either None, True or False.",
    "“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format.",
    "“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time.",
    "“%(value)s” is not a valid UUID.",
    "Value must be valid JSON.",
    "The number of days must be between {min_days} and {max_days}.",
    (
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
    ),
    "Please either submit a file or check the clear checkbox, not both.",
    "Enter a complete value.",
    "Enter a valid JSON.",
    "(Hidden field %(name)s) %(error)s",
    "ManagementForm data is missing or has been tampered with. Missing fields: "
    "%(field_names)s. You may need to file a bug report if the issue persists.",
    ("Please submit at most %(num)d form.", "Please submit at most %(num)d forms."),
    ("Please submit at least %(num)d form.", "Please submit at least %(num)d forms."),
    "The inline value did not match the parent instance.",
    "“%(pk)s” is not a valid value.",
    "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be "
    "ambiguous or it may not exist.",
    "This is not a valid IPv6 address.",
    ("%(num)d year", "%(num)d years"),
    ("%(num)d month", "%(num)d months"),
    ("%(num)d week", "%(num)d weeks"),
    ("%(num)d day", "%(num)d days"),
    ("%(num)d hour", "%(num)d hours"),
    ("%(num)d minute", "%(num)d minutes"),
    # The abbreviated months of date formats ("N j, Y").
    {"msgctxt": "abbrev. month", "msgid": "Jan."},
    {"msgctxt": "abbrev. month", "msgid": "Sept."},
    {"msgctxt": "abbrev. month", "msgid": "Dec."},
    "CSRF verification failed. Request aborted.",
    "You are seeing this message because this site requires a CSRF cookie when submitting "
    "forms. This cookie is required for security reasons, to ensure that your browser is not "
    "being hijacked by third parties.",
    "If you have configured your browser to disable cookies, please re-enable them, at least "
    "for this site, or for “same-origin” requests.",
    "More information is available with DEBUG=True.",
    "Date out of range",
    "Invalid date string “%(datestr)s” given format “%(format)s”",
    "Page is not “last”, nor can it be converted to an int.",
    "Empty list and “%(class_name)s.allow_empty” is False.",
    "“%(path)s” does not exist",
    # Field type descriptions (admindocs, checks).
    "String (unlimited)",
    "Positive big integer",
    "Raw binary data",
    "Universally unique identifier",
    "A JSON object",
    "IPv4 address",
    # "…" and "%(truncated_text)s…" are in the catalog too, the same in Thai: nothing to check.
]


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr/msgstr[n]."""
    entries, entry, key = [], {}, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if "msgid" in entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)  # a continuation line of a multi-line string
        else:
            key, _space, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return [entry for entry in entries if entry["msgid"]]


def django_english(package: str, domain: str) -> list[dict]:
    return po_entries(DJANGO_DIR / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po")


def in_thai(catalog, entry: dict) -> list[tuple[str, str]]:
    """(English, Thai) of a message; both forms of a plural message.

    catalog is django.utils.translation (the django domain, with th active) or a
    GNUTranslations object.
    """
    context, msgid, plural = entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")
    if plural is None:
        thai = catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)
        return [(msgid, thai)]
    pairs = []
    for count, english in ((1, msgid), (5, plural)):
        if context:
            thai = catalog.npgettext(context, msgid, plural, count)
        else:
            thai = catalog.ngettext(msgid, plural, count)
        pairs.append((english, thai))
    return pairs


def admin_javascript_catalog():
    # What JavaScriptCatalog(packages=["django.contrib.admin"]) builds for /admin/jsi18n/.
    return DjangoTranslation(
        "th", domain="djangojs", localedirs=[str(DJANGO_DIR / "contrib" / "admin" / "locale")]
    )


def untranslated(catalog, entries) -> list[str]:
    return [
        english
        for entry in entries
        if entry["msgid"] not in SAME_IN_THAI
        for english, thai in in_thai(catalog, entry)
        if thai == english
    ]


@pytest.mark.parametrize(
    ("package", "domain"),
    [("contrib/admin", "django"), ("contrib/auth", "django"), ("contrib/admin", "djangojs")],
)
def test_every_admin_and_auth_message_has_thai(package, domain):
    entries = django_english(package, domain)
    assert len(entries) > 70
    with translation.override("th"):
        catalog = translation if domain == "django" else admin_javascript_catalog()
        missing = untranslated(catalog, entries)
    assert missing == [], f"{len(missing)} without Thai, first: {missing[:5]}"


def conf_entries() -> list[dict]:
    known = {(e.get("msgctxt"), e["msgid"]) for e in django_english("conf", "django")}
    entries = []
    for message in CONF_MESSAGES:
        if isinstance(message, str):
            entry = {"msgid": message}
        elif isinstance(message, tuple):
            entry = {"msgid": message[0], "msgid_plural": message[1]}
        else:
            entry = message
        # A message Django renamed would pass the tests without being translated anywhere.
        assert (entry.get("msgctxt"), entry["msgid"]) in known, entry["msgid"]
        entries.append(entry)
    return entries


def test_the_listed_core_messages_have_thai():
    entries = conf_entries()
    with translation.override("th"):
        missing = untranslated(translation, entries)
    assert missing == [], f"{len(missing)} without Thai, first: {missing[:5]}"


def test_thai_messages_keep_no_english_words():
    # Django's Thai has half-English messages ("เอาออกจาก sorting"): those are overridden too.
    placeholders = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}|<[^>]*>|@/\./\+/-/_|a-z|A-Z")
    javascript = admin_javascript_catalog()
    catalogs = [
        (translation, django_english("contrib/admin", "django")),
        (translation, django_english("contrib/auth", "django")),
        (javascript, django_english("contrib/admin", "djangojs")),
        (translation, conf_entries()),
    ]
    english_left = []
    with translation.override("th"):
        for catalog, entries in catalogs:
            for entry in entries:
                for _english, thai in in_thai(catalog, entry):
                    words = set(re.findall(r"[A-Za-z_]{2,}", placeholders.sub("", thai)))
                    if words - LATIN_WORDS_ALLOWED:
                        english_left.append(thai)
    assert english_left == []


def test_catalog_keeps_the_placeholders_of_each_message():
    placeholder = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")
    for name in ("django.po", "djangojs.po"):
        for entry in po_entries(THAI_CATALOG / name):
            thai = entry.get("msgstr", entry.get("msgstr[0]"))
            english = entry.get("msgid_plural", entry["msgid"])
            assert sorted(placeholder.findall(thai)) == sorted(placeholder.findall(english)), thai


def test_compiled_thai_catalogs_match_the_po_files():
    # msgfmt is not on every machine: the committed .mo is what runs, so it must not be stale.
    for name in ("django", "djangojs"):
        with (THAI_CATALOG / f"{name}.mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        entries = po_entries(THAI_CATALOG / f"{name}.po")
        assert len(entries) > 40
        for entry in entries:
            for _english, thai in in_thai(compiled, entry):
                assert thai == entry.get("msgstr", entry.get("msgstr[0]")), entry["msgid"]


@pytest.mark.django_db
def test_admin_javascript_catalog_is_thai(admin_client):
    response = admin_client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    content = response.content.decode()
    # json.dumps writes Thai as \u escapes, as the view does.
    assert f'"Thursday": {json.dumps("พฤหัสบดี")}' in content
    assert f'"abbrev. month January\\u0004Jan": {json.dumps("ม.ค.")}' in content
    assert f'"Choose all %s": {json.dumps("เลือก%sทั้งหมด")}' in content


@pytest.mark.django_db
def test_adding_a_district_in_admin_says_so_in_thai(admin_client):
    province = ProvinceFactory()
    response = admin_client.post(
        reverse("admin:networks_district_add"),
        {"name": "เมืองกำแพงเพชร", "province": province.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert District.objects.filter(name="เมืองกำแพงเพชร").exists()
    messages = [strip_tags(str(message)) for message in response.context["messages"]]
    assert messages == ["เพิ่มอำเภอ “เมืองกำแพงเพชร” เรียบร้อยแล้ว"]


@pytest.mark.django_db
def test_a_duplicate_district_in_admin_is_refused_in_thai(admin_client):
    district = DistrictFactory(name="เมืองกำแพงเพชร")
    response = admin_client.post(
        reverse("admin:networks_district_add"),
        {"name": district.name, "province": district.province.pk},
    )
    assert response.status_code == 200
    assert District.objects.count() == 1
    errors = response.context["adminform"].form.non_field_errors()
    assert errors == ["มีอำเภอที่มีจังหวัด และ ชื่ออำเภอเดียวกันนี้อยู่แล้ว"]
    assert "กรุณาแก้ไขข้อผิดพลาดด้านล่าง" in response.content.decode()
